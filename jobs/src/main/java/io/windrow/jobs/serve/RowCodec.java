package io.windrow.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Converts between JSON objects and rows of one table's schema (Spark's external Java values in
 * the schema's column order, as {@link io.windrow.sql.request.RequestEngine} takes them). Strict,
 * so that a request never silently means something else: every column must be present (JSON
 * {@code null} is NULL), no other key is accepted, and a value must have its column's type.
 * Timestamps are epoch milliseconds (as OpenMLDB's API server takes them), dates
 * {@code "yyyy-MM-dd"} strings; an integer is accepted for a float or double column.
 */
final class RowCodec {
    private final String table;
    private final StructType schema;

    private RowCodec(String table, StructType schema) {
        this.table = requireNonNull(table, "table");
        this.schema = requireNonNull(schema, "schema");
    }

    /** A codec that writes rows of this schema (any column type; see {@link #encode}). */
    static RowCodec forOutput(String name, StructType schema) {
        return new RowCodec(name, schema);
    }

    /** A codec that reads rows of a table from JSON; fails naming a column of a type JSON rows cannot hold. */
    static RowCodec forInput(String table, StructType schema) {
        RowCodec codec = new RowCodec(table, schema);
        for (StructField field : schema.fields()) {
            if (!supported(field.dataType())) {
                throw new IllegalArgumentException("table " + table + " column '" + field.name() + "' has type "
                        + field.dataType().simpleString() + ", which the predict service does not read from JSON");
            }
        }
        return codec;
    }

    String table() {
        return table;
    }

    StructType schema() {
        return schema;
    }

    /** The row of a JSON object; throws {@link BadRequestException} naming the column. */
    Object[] decode(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new BadRequestException("a row of table " + table + " must be a JSON object {column: value, ...}, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getFieldIndex(name).isEmpty()) {
                throw new BadRequestException("column '" + name + "' is not in table " + table + " (columns: "
                        + String.join(", ", schema.fieldNames()) + ")");
            }
        }
        StructField[] fields = schema.fields();
        Object[] row = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            StructField field = fields[i];
            JsonNode value = node.get(field.name());
            if (value == null) {
                throw new BadRequestException("column '" + field.name() + "' of table " + table + " is missing");
            }
            if (value.isNull()) {
                if (!field.nullable()) {
                    throw new BadRequestException("column '" + field.name() + "' of table " + table + " is NOT NULL but got null");
                }
                continue;
            }
            row[i] = value(field, value);
        }
        return row;
    }

    private Object value(StructField field, JsonNode value) {
        DataType type = field.dataType();
        if (type.equals(DataTypes.StringType)) {
            if (value.isTextual()) {
                return value.textValue();
            }
        } else if (type.equals(DataTypes.IntegerType)) {
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return value.intValue();
            }
        } else if (type.equals(DataTypes.LongType)) {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return value.longValue();
            }
        } else if (type.equals(DataTypes.ShortType)) {
            if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() == (short) value.intValue()) {
                return (short) value.intValue();
            }
        } else if (type.equals(DataTypes.DoubleType)) {
            if (value.isNumber()) {
                return value.doubleValue();
            }
        } else if (type.equals(DataTypes.FloatType)) {
            if (value.isNumber()) {
                return (float) value.doubleValue();
            }
        } else if (type.equals(DataTypes.BooleanType)) {
            if (value.isBoolean()) {
                return value.booleanValue();
            }
        } else if (type.equals(DataTypes.TimestampType)) {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return new Timestamp(value.longValue());
            }
        } else if (type.equals(DataTypes.DateType)) {
            if (value.isTextual()) {
                try {
                    return Date.valueOf(LocalDate.parse(value.textValue()));
                } catch (DateTimeParseException e) {
                    throw wrongType(field, value);
                }
            }
        }
        throw wrongType(field, value);
    }

    private BadRequestException wrongType(StructField field, JsonNode value) {
        String expected = switch (field.dataType().typeName()) {
            case "timestamp" -> "timestamp (epoch milliseconds)";
            case "date" -> "date (\"yyyy-MM-dd\")";
            default -> field.dataType().simpleString();
        };
        String shown = value.toString();
        if (shown.length() > 40) {
            shown = shown.substring(0, 37) + "...";
        }
        return new BadRequestException("column '" + field.name() + "' of table " + table + ": expected " + expected
                + ", got " + shown);
    }

    /** A row of this schema as a JSON object; timestamps as epoch milliseconds, dates as ISO strings. */
    ObjectNode encode(Object[] row) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            put(node, fields[i].name(), row[i]);
        }
        return node;
    }

    static void put(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof String s) {
            node.put(name, s);
        } else if (value instanceof Integer v) {
            node.put(name, v);
        } else if (value instanceof Long v) {
            node.put(name, v);
        } else if (value instanceof Short v) {
            node.put(name, v);
        } else if (value instanceof Double v) {
            node.put(name, v);
        } else if (value instanceof Float v) {
            node.put(name, v);
        } else if (value instanceof Boolean v) {
            node.put(name, v);
        } else if (value instanceof Timestamp v) {
            node.put(name, v.getTime());
        } else if (value instanceof java.util.Date v) {
            node.put(name, v.toString());
        } else {
            node.put(name, value.toString());
        }
    }

    /** The row as column name -> value, the form the preprocess state encodes. */
    static Map<String, Object> byName(StructType schema, Object[] row) {
        Map<String, Object> values = new java.util.HashMap<>(row.length * 2);
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            values.put(names[i], row[i]);
        }
        return values;
    }

    private static boolean supported(DataType type) {
        return type.equals(DataTypes.StringType) || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)
                || type.equals(DataTypes.ShortType) || type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)
                || type.equals(DataTypes.BooleanType) || type.equals(DataTypes.TimestampType) || type.equals(DataTypes.DateType);
    }
}
