package io.windrow.train.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary format of saved models and optimizer state: a magic number, a JSON header (the
 * {@link ModelSpec}), then named float arrays. Streams are supplied by the caller, so models load
 * from local files, HDFS or a classpath resource alike.
 */
public final class ModelStore {
    private static final int MODEL_MAGIC = 0x5744464d; // "WDFM"
    private static final int OPTIMIZER_MAGIC = 0x5744464f; // "WDFO"
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelStore() {}

    public static void saveModel(DeepFmModel model, OutputStream stream) throws IOException {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        arrays.put("embedding", model.embedding);
        arrays.put("linear", model.linear);
        arrays.put("bias", model.bias);
        model.params().forEach(p -> arrays.put(p.name(), floats(p.value())));
        model.buffers().forEach((name, array) -> arrays.put(name, floats(array)));
        write(stream, MODEL_MAGIC, specJson(model.spec()), arrays);
    }

    public static DeepFmModel loadModel(InputStream stream, String where) throws IOException {
        Stored stored = read(stream, MODEL_MAGIC, where);
        ModelSpec spec = spec(stored.header, where);
        Map<String, float[]> arrays = stored.arrays;
        float[] embedding = require(arrays, "embedding", where);
        float[] linear = require(arrays, "linear", where);
        float[] bias = require(arrays, "bias", where);
        if (embedding.length != (long) spec.total() * spec.embeddingDim() || linear.length != spec.total()) {
            throw new IllegalArgumentException("model " + where + " is inconsistent: tables do not match "
                    + spec.total() + " ids x " + spec.embeddingDim());
        }
        return DeepFmModel.restore(spec, embedding, linear, bias[0], arrays);
    }

    public static void saveOptimizer(AdamOptimizer optimizer, OutputStream stream) throws IOException {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        arrays.put("embeddingM", optimizer.embeddingM);
        arrays.put("embeddingV", optimizer.embeddingV);
        arrays.put("linearM", optimizer.linearM);
        arrays.put("linearV", optimizer.linearV);
        arrays.put("bias", optimizer.biasMoments);
        optimizer.denseM.forEach((name, array) -> arrays.put("m." + name, floats(array)));
        optimizer.denseV.forEach((name, array) -> arrays.put("v." + name, floats(array)));
        ObjectNode header = JSON.createObjectNode().put("step", optimizer.step);
        write(stream, OPTIMIZER_MAGIC, header, arrays);
    }

    /** Restores optimizer state saved for the same model shape into {@code optimizer}. */
    public static void loadOptimizer(AdamOptimizer optimizer, InputStream stream, String where) throws IOException {
        Stored stored = read(stream, OPTIMIZER_MAGIC, where);
        copy(stored.arrays, "embeddingM", optimizer.embeddingM, where);
        copy(stored.arrays, "embeddingV", optimizer.embeddingV, where);
        copy(stored.arrays, "linearM", optimizer.linearM, where);
        copy(stored.arrays, "linearV", optimizer.linearV, where);
        copy(stored.arrays, "bias", optimizer.biasMoments, where);
        optimizer.denseM.forEach((name, array) -> array.assign(DeepFmModel.required(stored.arrays, "m." + name, array)));
        optimizer.denseV.forEach((name, array) -> array.assign(DeepFmModel.required(stored.arrays, "v." + name, array)));
        optimizer.step = stored.header.path("step").asLong();
    }

    static ObjectNode specJson(ModelSpec spec) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", spec.kind());
        spec.fields().forEach(node.putArray("fields")::add);
        node.put("total", spec.total());
        node.put("dim", spec.dim());
        spec.hidden().forEach(node.putArray("hidden")::add);
        node.put("activation", spec.activation());
        node.put("dropout", spec.dropout());
        node.put("batchNorm", spec.batchNorm());
        node.put("embeddingStd", spec.embeddingStd());
        node.put("dataType", spec.dataType().name());
        return node;
    }

    static ModelSpec spec(JsonNode node, String where) {
        try {
            List<String> fields = new ArrayList<>();
            node.get("fields").forEach(f -> fields.add(f.asText()));
            List<Integer> hidden = new ArrayList<>();
            node.get("hidden").forEach(h -> hidden.add(h.asInt()));
            return new ModelSpec(node.get("kind").asText(), fields, node.get("total").asInt(), node.get("dim").asInt(),
                    hidden, node.get("activation").asText(), node.get("dropout").asDouble(),
                    node.get("batchNorm").asBoolean(), node.get("embeddingStd").asDouble(),
                    DataType.valueOf(node.get("dataType").asText()));
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("model " + where + " has an incomplete header: " + node);
        }
    }

    private static float[] floats(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').reshape(array.length()).toFloatVector();
    }

    private static void write(OutputStream stream, int magic, JsonNode header, Map<String, float[]> arrays)
            throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 20));
        out.writeInt(magic);
        byte[] json = JSON.writeValueAsBytes(header);
        out.writeInt(json.length);
        out.write(json);
        out.writeInt(arrays.size());
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (Map.Entry<String, float[]> entry : arrays.entrySet()) {
            out.writeUTF(entry.getKey());
            float[] values = entry.getValue();
            out.writeInt(values.length);
            for (int i = 0; i < values.length; ) {
                buffer.clear();
                int n = Math.min(values.length - i, buffer.capacity() / 4);
                buffer.asFloatBuffer().put(values, i, n);
                out.write(buffer.array(), 0, n * 4);
                i += n;
            }
        }
        out.flush();
    }

    private static Stored read(InputStream stream, int magic, String where) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 20));
        if (in.readInt() != magic) {
            throw new IllegalArgumentException(where + " is not a Windrow " + (magic == MODEL_MAGIC ? "model" : "optimizer state"));
        }
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        JsonNode header = JSON.readTree(new String(json, StandardCharsets.UTF_8));
        int count = in.readInt();
        Map<String, float[]> arrays = new LinkedHashMap<>();
        byte[] bytes = new byte[1 << 16];
        for (int a = 0; a < count; a++) {
            String name = in.readUTF();
            float[] values = new float[in.readInt()];
            for (int i = 0; i < values.length; ) {
                int n = Math.min(values.length - i, bytes.length / 4);
                in.readFully(bytes, 0, n * 4);
                ByteBuffer.wrap(bytes, 0, n * 4).asFloatBuffer().get(values, i, n);
                i += n;
            }
            arrays.put(name, values);
        }
        return new Stored(header, arrays);
    }

    private static float[] require(Map<String, float[]> arrays, String name, String where) {
        float[] values = arrays.get(name);
        if (values == null) {
            throw new IllegalArgumentException("model " + where + " lacks array " + name);
        }
        return values;
    }

    private static void copy(Map<String, float[]> arrays, String name, float[] target, String where) {
        float[] values = require(arrays, name, where);
        if (values.length != target.length) {
            throw new IllegalArgumentException("optimizer state " + where + " does not match the model (" + name + ")");
        }
        System.arraycopy(values, 0, target, 0, target.length);
    }

    private record Stored(JsonNode header, Map<String, float[]> arrays) {}
}
