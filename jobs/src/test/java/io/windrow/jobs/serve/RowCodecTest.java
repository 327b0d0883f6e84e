package io.windrow.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON rows to Spark's external values and back, strictly typed. */
class RowCodecTest {
    private static final StructType SCHEMA = new StructType().add("s", DataTypes.StringType).add("i", DataTypes.IntegerType)
            .add("l", DataTypes.LongType).add("h", DataTypes.ShortType).add("d", DataTypes.DoubleType)
            .add("f", DataTypes.FloatType).add("b", DataTypes.BooleanType).add("t", DataTypes.TimestampType)
            .add("day", DataTypes.DateType).add("n", DataTypes.IntegerType, false);
    private final RowCodec codec = RowCodec.forInput("t1", SCHEMA);

    private static JsonNode json(String text) throws Exception {
        return PredictService.JSON.readTree(text);
    }

    @Test
    void decodesEveryTypeAndEncodesItBack() throws Exception {
        String text = "{\"s\":\"x\",\"i\":-3,\"l\":9007199254740993,\"h\":12,\"d\":2,\"f\":0.5,\"b\":true,"
                + "\"t\":1460738867000,\"day\":\"2016-04-16\",\"n\":1}";
        Object[] row = codec.decode(json(text));
        assertThat(row).containsExactly("x", -3, 9007199254740993L, (short) 12, 2.0, 0.5f, true, new Timestamp(1460738867000L),
                Date.valueOf("2016-04-16"), 1);
        assertThat(codec.encode(row).toString()).isEqualTo("{\"s\":\"x\",\"i\":-3,\"l\":9007199254740993,\"h\":12,\"d\":2.0,"
                + "\"f\":0.5,\"b\":true,\"t\":1460738867000,\"day\":\"2016-04-16\",\"n\":1}");
        Object[] nulls = codec.decode(json("{\"s\":null,\"i\":null,\"l\":null,\"h\":null,\"d\":null,\"f\":null,\"b\":null,"
                + "\"t\":null,\"day\":null,\"n\":0}"));
        assertThat(nulls).containsExactly(null, null, null, null, null, null, null, null, null, 0);
    }

    @Test
    void refusesValuesOfAnotherTypeNamingTheColumn() throws Exception {
        String base = "{\"s\":\"x\",\"i\":1,\"l\":1,\"h\":1,\"d\":1,\"f\":1,\"b\":true,\"t\":1,\"day\":\"2016-04-16\",\"n\":1}";
        assertThatThrownBy(() -> codec.decode(json(base.replace("\"i\":1", "\"i\":3000000000"))))
                .hasMessage("column 'i' of table t1: expected int, got 3000000000");
        assertThatThrownBy(() -> codec.decode(json(base.replace("\"h\":1", "\"h\":40000"))))
                .hasMessage("column 'h' of table t1: expected smallint, got 40000");
        assertThatThrownBy(() -> codec.decode(json(base.replace("\"s\":\"x\"", "\"s\":5"))))
                .hasMessage("column 's' of table t1: expected string, got 5");
        assertThatThrownBy(() -> codec.decode(json(base.replace("\"b\":true", "\"b\":1"))))
                .hasMessage("column 'b' of table t1: expected boolean, got 1");
        assertThatThrownBy(() -> codec.decode(json(base.replace("\"day\":\"2016-04-16\"", "\"day\":\"16/04/2016\""))))
                .hasMessage("column 'day' of table t1: expected date (\"yyyy-MM-dd\"), got \"16/04/2016\"");
        assertThatThrownBy(() -> codec.decode(json(base.replace("\"t\":1", "\"t\":1.5"))))
                .hasMessage("column 't' of table t1: expected timestamp (epoch milliseconds), got 1.5");
        assertThatThrownBy(() -> codec.decode(json(base.replace("\"n\":1", "\"n\":null"))))
                .hasMessage("column 'n' of table t1 is NOT NULL but got null");
        assertThatThrownBy(() -> codec.decode(json(base.replace("\"s\":\"x\"", "\"s\":\"" + "y".repeat(60) + "\"").replace("\"i\":1", "\"i\":\"" + "z".repeat(60) + "\""))))
                .hasMessage("column 'i' of table t1: expected int, got \"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...");
    }

    @Test
    void refusesColumnTypesJsonRowsCannotHold() {
        assertThatThrownBy(() -> RowCodec.forInput("t2", new StructType().add("m", DataTypes.createArrayType(DataTypes.IntegerType))))
                .hasMessage("table t2 column 'm' has type array<int>, which the predict service does not read from JSON");
    }
}
