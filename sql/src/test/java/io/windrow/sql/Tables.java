package io.windrow.sql;

import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Small tables for tests: a DDL line and rows given as Java values (timestamps as epoch ms Longs). */
final class Tables {
    private Tables() {}

    static Dataset<Row> table(SparkSession spark, String ddl, Object[]... rows) {
        TableDefinition definition = DdlParser.parse(ddl).values().iterator().next();
        StructField[] fields = definition.schema().fields();
        List<Row> data = new ArrayList<>();
        for (Object[] row : rows) {
            Object[] values = row.clone();
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Long ms && fields[i].dataType().equals(DataTypes.TimestampType)) {
                    values[i] = new Timestamp(ms);
                }
            }
            data.add(RowFactory.create(values));
        }
        return spark.createDataFrame(data, definition.schema());
    }

    static List<List<Object>> rows(Dataset<Row> result) {
        List<List<Object>> out = new ArrayList<>();
        for (Row row : result.collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                values.add(row.get(i));
            }
            out.add(values);
        }
        return out;
    }

    static List<Object> column(Dataset<Row> result, String name) {
        List<Object> out = new ArrayList<>();
        for (Row row : result.select("`" + name + "`").collectAsList()) {
            out.add(row.get(0));
        }
        return out;
    }
}
