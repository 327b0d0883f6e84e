package io.windrow.sql.ddl;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;

/**
 * One pass over a CSV table's text that finds the values which do not parse as their DDL type
 * (a non-empty field other than {@code null}/{@code NULL} whose typed value is NULL). Each task
 * reads whole files in order, so counting rows per file within a partition gives each row's line.
 * Under {@link TableLoader.BadValues#ERROR} the first bad value (by file, then line) is reported;
 * under NULL the bad values are counted. Only that one row or that count reaches the driver.
 */
final class CsvValueCheck {
    private static final StructType BAD = new StructType()
            .add("file", DataTypes.StringType).add("row", DataTypes.LongType).add("column", DataTypes.IntegerType)
            .add("text", DataTypes.StringType).add("count", DataTypes.LongType);

    private CsvValueCheck() {}

    /** The number of bad values (only under NULL; under ERROR the first one throws). */
    static long check(Dataset<Row> raw, StructType header, TableDefinition table, String path,
            TableLoader.BadValues policy) {
        StructField[] fields = table.schema().fields();
        List<Column> columns = new ArrayList<>();
        columns.add(col("_metadata.file_path"));
        for (StructField field : fields) {
            Column text = col("`" + headerName(header, field.name()) + "`");
            Column bad = text.isNotNull().and(trim(text).notEqual(lit(""))).and(text.notEqual(lit("NULL")))
                    .and(TableLoader.typed(text, field.dataType()).isNull());
            columns.add(bad);
            columns.add(text);
        }
        Dataset<Row> badRows = raw.select(columns.toArray(new Column[0]))
                .mapPartitions(new BadRowFinder(fields.length), Encoders.row(BAD));
        if (policy == TableLoader.BadValues.NULL) {
            Row total = badRows.agg(sum("count")).first();
            return total.isNullAt(0) ? 0 : total.getLong(0);
        }
        List<Row> first = badRows.orderBy("file", "row").limit(1).collectAsList();
        if (!first.isEmpty()) {
            Row row = first.get(0);
            StructField field = fields[row.getInt(2)];
            throw new TableInputException(table.name(), path, "file " + row.getString(0) + " line " + (row.getLong(1) + 2)
                    + " column " + field.name() + ": '" + row.getString(3) + "' is not a valid "
                    + SqlTypes.name(field.dataType()));
        }
        return 0;
    }

    private static String headerName(StructType header, String name) {
        for (StructField field : header.fields()) {
            if (field.name().equals(name)) {
                return name;
            }
        }
        for (StructField field : header.fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.name();
            }
        }
        throw new IllegalStateException("column " + name + " not in the header");
    }

    /** Numbers the rows of each file in a partition and emits the rows holding a bad value. */
    private static final class BadRowFinder implements MapPartitionsFunction<Row, Row> {
        private final int fields;

        BadRowFinder(int fields) {
            this.fields = fields;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                private String file;
                private long row = -1;
                private Row next = advance();

                private Row advance() {
                    while (rows.hasNext()) {
                        Row input = rows.next();
                        String inputFile = input.getString(0);
                        row = inputFile.equals(file) ? row + 1 : 0;
                        file = inputFile;
                        int firstBad = -1;
                        long count = 0;
                        for (int i = 0; i < fields; i++) {
                            if (input.getBoolean(1 + 2 * i)) {
                                count++;
                                firstBad = firstBad < 0 ? i : firstBad;
                            }
                        }
                        if (count > 0) {
                            return RowFactory.create(file, row, firstBad, input.getString(2 + 2 * firstBad), count);
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Row next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    Row result = next;
                    next = advance();
                    return result;
                }
            };
        }
    }
}
