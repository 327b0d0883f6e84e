package io.windrow.sql.plan;

import io.windrow.sql.FeatureEngine;
import io.windrow.testing.TestSpark;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.parser.Parser;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code explain}'s text: for a small query every part of the typed plan, exactly; the seed's shape. */
class PlanPrinterTest {
    @Test
    void seedPlanHasThreeWindowGroupsAndItsLastJoins() throws Exception {
        Path jd = TestSpark.shared().resolve("jd-sample");
        Map<String, StructType> schemas = new LinkedHashMap<>();
        for (TableDefinition table : DdlParser.parse(Files.readString(jd.resolve("create_tables.sql"))).values()) {
            schemas.put(table.name(), table.schema());
        }
        String plan = FeatureEngine.explain(Parser.parseQuery(Files.readString(jd.resolve("features.sql"))), schemas,
                FeatureEngine.standardFunctions());
        assertThat(plan.lines().filter(line -> line.strip().startsWith("WindowGroup "))).hasSize(3);
        assertThat(plan.lines().filter(line -> line.strip().startsWith("LastJoin "))).isNotEmpty();
        assertThat(plan).startsWith("output: reqId_1 string, flattenRequest_eventTime_original_0 timestamp, ");
    }

    @Test
    void printsTheTypedPlan() {
        Map<String, StructType> schemas = new LinkedHashMap<>();
        schemas.put("t", new StructType().add("id", DataTypes.IntegerType).add("ts", DataTypes.TimestampType)
                .add("v", DataTypes.ShortType));
        schemas.put("r", new StructType().add("id", DataTypes.LongType).add("ts", DataTypes.TimestampType)
                .add("name", DataTypes.StringType));
        String sql = """
                SELECT t.id, sum(v) OVER w AS total, count_where(v, v > at(v, 0)) OVER w AS above, lag(v, 1) OVER w AS prev,
                  r.name, v / 2 AS half
                FROM t LAST JOIN r ORDER BY r.ts ON t.id = r.id AND t.ts >= r.ts
                WHERE v > 0
                WINDOW w AS (PARTITION BY t.id ORDER BY t.ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW MAXSIZE 5)""";
        String plan = FeatureEngine.explain(Parser.parseQuery(sql), schemas, FeatureEngine.standardFunctions());
        assertThat(plan).isEqualTo("""
                output: id int32, total int16, above int64, prev int16, name string, half double
                Project
                    id int32 := t.id
                    total int16 := w_6
                    above int64 := w_7
                    prev int16 := w_8
                    name string := r.name
                    half double := (double(v) / double(2))
                  WindowGroup (shuffle by partition keys, sort by key and t.ts, one pass)
                      partition by id, order by t.ts timestamp
                      window w: ROWS_RANGE BETWEEN 10000ms PRECEDING AND CURRENT ROW MAXSIZE 5
                      w_6 int16 := sum(v) OVER w [incremental]
                      w_7 int64 := count_where(v, (v > at(v, 0))) OVER w [per-frame (reads the current row)]
                      w_8 int16 := lag(v) OVER w [navigation, offset 1]
                    Filter (int32(v) > 0)
                      LastJoin streamed (shuffle both sides by key, one sorted pass)
                          key int64(t.id) = r.id int64
                          as of t.ts >= r.ts
                          order by ts
                        Scan t [id int32, ts timestamp, v int16]
                        Scan r [id int64, ts timestamp, name string]
                """);
    }
}
