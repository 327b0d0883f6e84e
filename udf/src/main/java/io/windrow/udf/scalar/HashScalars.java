package io.windrow.udf.scalar;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.windrow.udf.type.SqlType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import static io.windrow.udf.type.SqlType.INT64;

/**
 * {@code hash64} (alias {@code farm_fingerprint}): FarmHash Fingerprint64 of the value's bytes as
 * OpenMLDB lays them out in memory (little-endian integers and IEEE floats of the value's own width,
 * a string's UTF-8 bytes, a timestamp's epoch milliseconds as int64, a date in OpenMLDB's int32 date
 * encoding, a bool as one byte), so equal values of different types hash differently, as in OpenMLDB.
 */
final class HashScalars {
    private static final HashFunction FINGERPRINT = Hashing.farmHashFingerprint64();

    private HashScalars() {}

    static List<ScalarFunction> all() {
        return List.of(Declared.function("hash64", "FarmHash Fingerprint64 of the value's bytes (not cryptographic)")
                .alias("farm_fingerprint")
                .generic(args -> args.size() != 1 || args.get(0) == SqlType.STRING_LIST ? null
                                : new Overload(args, INT64, true, a -> hash64(args.get(0), a[0]), null, false),
                        "hash64(any) -> int64"));
    }

    static long hash64(SqlType type, Object value) {
        return FINGERPRINT.hashBytes(bytes(type, value)).asLong();
    }

    private static byte[] bytes(SqlType type, Object value) {
        return switch (type) {
            case BOOL -> new byte[] {(byte) ((Boolean) value ? 1 : 0)};
            case INT16 -> little(2).putShort((Short) value).array();
            case INT32 -> little(4).putInt((Integer) value).array();
            case INT64 -> little(8).putLong((Long) value).array();
            case FLOAT -> little(4).putFloat((Float) value).array();
            case DOUBLE -> little(8).putDouble((Double) value).array();
            case STRING -> ((String) value).getBytes(StandardCharsets.UTF_8);
            case TIMESTAMP -> little(8).putLong(((Timestamp) value).getTime()).array();
            case DATE -> little(4).putInt(encodeDate(((Date) value).toLocalDate())).array();
            case STRING_LIST, NULL -> throw new IllegalArgumentException("hash64 of " + type.sqlName());
        };
    }

    /** OpenMLDB's in-memory date: year - 1900 in the high half, month - 1 and day in the low bytes. */
    private static int encodeDate(LocalDate date) {
        return ((date.getYear() - 1900) << 16) | ((date.getMonthValue() - 1) << 8) | date.getDayOfMonth();
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
