package io.windrow.udf.scalar;

import io.windrow.udf.support.OpenMldbTime;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import static io.windrow.udf.scalar.Calls.call;
import static io.windrow.udf.type.SqlType.BOOL;
import static io.windrow.udf.type.SqlType.DATE;
import static io.windrow.udf.type.SqlType.DOUBLE;
import static io.windrow.udf.type.SqlType.FLOAT;
import static io.windrow.udf.type.SqlType.INT16;
import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.INT64;
import static io.windrow.udf.type.SqlType.STRING;
import static io.windrow.udf.type.SqlType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimeAndMathScalarsTest {
    private static final long TS = 1590115420000L; // 2020-05-22 10:43:40 UTC+8, OpenMLDB's doc examples

    private static Object part(String name, long millis) {
        return call(name, List.of(TIMESTAMP), new Timestamp(millis));
    }

    @Test
    void timePartsOfATimestampInUtcPlus8() {
        // OpenMLDB doc examples of year .. second on timestamp(1590115420000)
        assertThat(part("year", TS)).isEqualTo(2020);
        assertThat(part("month", TS)).isEqualTo(5);
        assertThat(part("day", TS)).isEqualTo(22);
        assertThat(part("dayofmonth", TS)).isEqualTo(22);
        assertThat(part("dayofweek", TS)).isEqualTo(6);
        assertThat(part("dayofyear", TS)).isEqualTo(143);
        assertThat(part("weekofyear", TS)).isEqualTo(21);
        assertThat(part("week", TS)).isEqualTo(21);
        assertThat(part("hour", TS)).isEqualTo(10);
        assertThat(part("minute", TS)).isEqualTo(43);
        assertThat(part("second", TS)).isEqualTo(40);
        // test_udf_function id 0: dayofweek of timestamp 1590738989000 is 6, of date 2020-05-20 is 4
        assertThat(part("dayofweek", 1590738989000L)).isEqualTo(6);
        assertThat(call("dayofweek", List.of(DATE), Date.valueOf("2020-05-20"))).isEqualTo(4);
        // the zone: 16:00 UTC on 1969-12-31 is midnight of 1970-01-01 in UTC+8
        assertThat(part("year", -8L * 3600_000)).isEqualTo(1970);
        assertThat(part("hour", -8L * 3600_000 - 1000)).isEqualTo(23);
        assertThat(part("dayofyear", -8L * 3600_000 - 1000)).isEqualTo(365);
        assertThat(part("second", -8L * 3600_000 - 1000)).isEqualTo(59);
        // OpenMLDB truncates (ms + 8h) / 1000 toward zero: 1 ms before local midnight 1970-01-01 is still second 0
        assertThat(part("hour", -8L * 3600_000 - 1)).isEqualTo(0);
        assertThat(part("dayofyear", -8L * 3600_000 - 999)).isEqualTo(1);
        assertThat(part("second", -8L * 3600_000 - 1001)).isEqualTo(59);
        assertThat(part("dayofweek", 0)).isEqualTo(5); // Thursday
    }

    @Test
    void timePartsOfEpochMillisDatesAndStrings() {
        assertThat(call("dayofyear", List.of(INT64), TS)).isEqualTo(143);
        assertThat(call("hour", List.of(INT64), TS)).isEqualTo(10);
        assertThat(call("dayofyear", List.of(DATE), Date.valueOf("2020-05-22"))).isEqualTo(143);
        assertThat(call("weekofyear", List.of(DATE), Date.valueOf("2021-01-01"))).isEqualTo(53);
        assertThat(call("month", List.of(DATE), Date.valueOf("1900-12-31"))).isEqualTo(12);
        assertThat(call("hour", List.of(STRING), "2020-05-22 10:43:40")).isEqualTo(10);
        assertThat(call("day", List.of(STRING), "2020-05-22")).isEqualTo(22);
        assertThat(call("month", List.of(STRING), "20200522")).isEqualTo(5);
        assertThat(call("month", List.of(STRING), "2020-05-32")).isNull();
        assertThat(call("month", List.of(STRING), "not a time")).isNull();
        assertThat(call("month", List.of(STRING), "")).isNull();
        assertThat(call("year", List.of(TIMESTAMP), (Object) null)).isNull();
    }

    @Test
    void openMldbStringLayouts() {
        assertThat(OpenMldbTime.parseTimestamp("2020-05-22 10:43:40")).isEqualTo(TS);
        assertThat(OpenMldbTime.parseTimestamp("2020-02-30 00:00:00"))
                .isEqualTo(OpenMldbTime.parseTimestamp("2020-03-01 00:00:00")); // mktime rolls over
        assertThat(OpenMldbTime.parseTimestamp("2020-05-22 10:43:40.123")).isNull();
        assertThat(OpenMldbTime.parseTimestamp("1899-12-31")).isNull();
        assertThat(OpenMldbTime.parseDate("2020-02-30")).isNull();
        assertThat(OpenMldbTime.parseDate("2020-02-30 00:00:00")).isNull();
        assertThat(OpenMldbTime.parseDate("2020/5/22")).isNull(); // 9 characters
        assertThat(OpenMldbTime.parseDate("2020/05/22")).isEqualTo(LocalDate.of(2020, 5, 22));
        assertThat(OpenMldbTime.parseDate("20200522")).isEqualTo(LocalDate.of(2020, 5, 22));
    }

    @Test
    void mathResultsOfOpenMldbCases() {
        // test_calculate id 0: abs
        assertThat(call("abs", List.of(INT16), (short) -1)).isEqualTo(1);
        assertThat(call("abs", List.of(INT64), 2L)).isEqualTo(2L);
        assertThat(call("abs", List.of(DOUBLE), (double) -0.2f)).isEqualTo(0.20000000298023224);
        assertThat(call("abs", List.of(DOUBLE), 1.0)).isEqualTo(1.0); // abs(true), bool cast to double
        assertThat(call("abs", List.of(INT32), Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE); // C abs wraps
        // id 1 and 3: trigonometry
        assertThat(call("cot", List.of(DOUBLE), 1.0)).isEqualTo(0.6420926159343306);
        assertThat(call("sin", List.of(DOUBLE), 1.0)).isEqualTo(0.8414709848078965);
        assertThat((Float) call("tan", List.of(FLOAT), 1.0f)).isEqualTo(1.5574077f);
        assertThat(call("cos", List.of(DOUBLE), 1.0)).isEqualTo(0.5403023058681398);
        assertThat(call("cot", List.of(DOUBLE), 2.0)).isEqualTo(-0.45765755436028577);
        assertThat(call("sin", List.of(DOUBLE), 1.1)).isEqualTo(0.8912073600614354);
        assertThat(call("tan", List.of(DOUBLE), 1.0)).isEqualTo(1.5574077246549023);
        assertThat(call("acos", List.of(DOUBLE), 0.0)).isEqualTo(1.5707963267948966);
        assertThat((Double) call("asin", List.of(DOUBLE), 2.0)).isNaN();
        assertThat(call("atan", List.of(DOUBLE), 2.2)).isEqualTo(1.1441688336680205);
        assertThat(call("atan2", List.of(DOUBLE, DOUBLE), 1.0, 2.0)).isEqualTo(0.4636476090008061);
        // id 2
        assertThat(call("acos", List.of(DOUBLE), 0.5)).isEqualTo(1.0471975511965979);
        assertThat((Float) call("asin", List.of(FLOAT), 0.2f)).isCloseTo(0.2013579207903308f, within(1e-7f));
        assertThat(call("atan", List.of(DOUBLE), 2.0)).isEqualTo(1.1071487177940904);
        assertThat(call("atan2", List.of(DOUBLE, DOUBLE), 2.0, 2.0)).isEqualTo(0.78539816339744828);
        assertThat(call("asin", List.of(DOUBLE), 0.5)).isEqualTo(0.5235987755982989);
        // OpenMLDB doc: ATAN(0, -0) and ATAN2(0, -0) are pi
        assertThat(call("atan", List.of(DOUBLE, DOUBLE), 0.0, -0.0)).isEqualTo(Math.PI);
        // id 4: logarithms; log(base, x); log(false) is -Infinity
        assertThat(call("log", List.of(DOUBLE), 1.0)).isEqualTo(0.0);
        assertThat(call("log", List.of(DOUBLE, DOUBLE), 3.0, 1.0)).isEqualTo(0.0);
        assertThat(call("log", List.of(DOUBLE, DOUBLE), 10.0, 100.0)).isEqualTo(2.0);
        assertThat(call("log2", List.of(FLOAT), 1.0f)).isEqualTo(0.0f);
        assertThat(call("log2", List.of(DOUBLE), 65536.0)).isEqualTo(16.0);
        assertThat(call("log10", List.of(DOUBLE), 100.0)).isEqualTo(2.0);
        assertThat(call("ln", List.of(DOUBLE), 1.0)).isEqualTo(0.0);
        assertThat(call("log", List.of(DOUBLE), 0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) call("ln", List.of(DOUBLE), -1.0)).isNaN();
        // id 5: ceil, floor, round, truncate
        assertThat(call("ceil", List.of(INT16), (short) 1)).isEqualTo(1L);
        assertThat(call("ceiling", List.of(INT32), 2)).isEqualTo(2L);
        assertThat(call("floor", List.of(INT64), 2L)).isEqualTo(2L);
        assertThat(call("round", List.of(FLOAT), 0.5f)).isEqualTo(1.0f);
        assertThat(call("truncate", List.of(DOUBLE), 0.7)).isEqualTo(0.0);
        assertThat(call("floor", List.of(DOUBLE), 1.0)).isEqualTo(1.0);
        assertThat(call("floor", List.of(DOUBLE), 3.14)).isEqualTo(3.0); // test_udf_function id 0
        assertThat(call("round", List.of(DOUBLE), -2.5)).isEqualTo(-3.0);
        assertThat(call("round", List.of(DOUBLE), 0.49999999999999994)).isEqualTo(0.0);
        assertThat(call("round", List.of(DOUBLE), 1.23)).isEqualTo(1.0);
        assertThat(call("truncate", List.of(DOUBLE), -1.7)).isEqualTo(-1.0);
        assertThat(call("ceil", List.of(DOUBLE), -0.5)).isEqualTo(-0.0);
        // id 6: exp, pow, sqrt
        assertThat(call("exp", List.of(DOUBLE), 0.0)).isEqualTo(1.0);
        assertThat(call("pow", List.of(DOUBLE, DOUBLE), 2.0, 10.0)).isEqualTo(1024.0);
        assertThat(call("power", List.of(DOUBLE, DOUBLE), 10.0, 1.0)).isEqualTo(10.0);
        assertThat(call("sqrt", List.of(DOUBLE), 100.0)).isEqualTo(10.0);
        assertThat(call("pow", List.of(DOUBLE, DOUBLE), 1.0, 2.0)).isEqualTo(1.0);
        assertThat(call("pow", List.of(DOUBLE, DOUBLE), 42.0, 2.0)).isEqualTo(1764.0); // test_udf_function id 0
        assertThat(call("pow", List.of(DOUBLE, DOUBLE), null, 2.0)).isNull();
        assertThat(call("degrees", List.of(DOUBLE), 3.141592653589793)).isEqualTo(180.0);
        assertThat(call("radians", List.of(DOUBLE), 90.0)).isEqualTo(1.5707963267948966);
        assertThat(Calls.bind("exp", BOOL).resultType()).isEqualTo(DOUBLE);
    }
}
