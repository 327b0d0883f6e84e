package io.windrow.preprocess.ml;

import io.windrow.preprocess.FieldEncoding;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * What the vocabulary and hash stages share: each input column becomes an int local id column by
 * its {@link FieldEncoding}, the code single-row scoring runs too.
 */
final class LocalIds {
    private LocalIds() {}

    static Dataset<Row> append(Dataset<?> dataset, String[] inputs, String[] types, String[] outputs,
            IntFunction<FieldEncoding> encodings) {
        Map<String, Column> added = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            FieldEncoding encoding = encodings.apply(i);
            String name = inputs[i];
            String type = types[i];
            UDF1<Object, Integer> localId = value -> encoding.localId(name, type, value);
            added.put(outputs[i], udf(localId, DataTypes.IntegerType).asNonNullable().apply(col(FieldInputs.quote(name))));
        }
        return FieldInputs.append(dataset, added);
    }

    static StructType schema(StructType schema, String[] outputs) {
        StructType result = schema;
        for (String output : outputs) {
            result = result.add(output, DataTypes.IntegerType, false);
        }
        return result;
    }
}
