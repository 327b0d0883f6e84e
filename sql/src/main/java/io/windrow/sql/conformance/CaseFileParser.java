package io.windrow.sql.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.windrow.sql.ddl.TableIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Reads OpenMLDB's YAML case files (format: shared/conformance/README.md) into runnable
 * {@link Case}s: applies {@code debugs}, expands {@code dataProvider} into one case per
 * combination (ids and descriptions get {@code _i} suffixes as OpenMLDB's own runner names them;
 * {@code expectProvider} entries, keyed by the index in the first list, overlay the expectation),
 * substitutes {@code d[i]} and the {@code {i}} table placeholders, loads {@code resource} inputs,
 * and marks the cases an offline engine does not run (mode {@code offline-unsupport} or
 * {@code batch-unsupport}, tag {@code TODO}).
 *
 * <p>A malformed file or case fails with an IllegalArgumentException naming the file and case.
 * Duplicate keys in a mapping keep the last value, as the SnakeYAML loader of OpenMLDB does.
 */
public final class CaseFileParser {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SKIPPED_MODES = Set.of("offline-unsupport", "batch-unsupport");
    private static final Pattern TABLE_PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private final List<Path> resourceRoots;

    /**
     * @param resourceRoots folders against which {@code resource: path} inputs are resolved, besides
     *     the case file's own folder and its ancestors
     */
    public CaseFileParser(List<Path> resourceRoots) {
        this.resourceRoots = List.copyOf(resourceRoots);
    }

    public CaseFileParser() {
        this(List.of());
    }

    /** Every case of the file, in file order, expanded. */
    public List<Case> parse(Path file) {
        requireNonNull(file, "file");
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("conformance file " + file + ": cannot read YAML: "
                    + e.getMessage().replaceAll("\\s*\\n\\s*", " "), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("conformance file " + file + ": expected a mapping with 'cases'");
        }
        Set<String> debugs = new HashSet<>();
        root.path("debugs").forEach(node -> debugs.add(node.asText().trim()));
        List<Case> cases = new ArrayList<>();
        JsonNode caseNodes = root.path("cases");
        for (int index = 0; index < caseNodes.size(); index++) {
            JsonNode node = caseNodes.get(index);
            String id = node.hasNonNull("id") ? node.get("id").asText() : String.valueOf(index);
            String desc = node.path("desc").asText("");
            if (!debugs.isEmpty() && !debugs.contains(desc.trim())) {
                continue;
            }
            try {
                cases.addAll(parseCase(file, id, desc, node));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("conformance file " + file + ", case " + id + ": " + e.getMessage(), e);
            }
        }
        return cases;
    }

    private List<Case> parseCase(Path file, String id, String desc, JsonNode node) {
        Optional<String> skip = skipReason(node);
        List<String> problems = new ArrayList<>();
        List<InputTable> inputs = new ArrayList<>();
        JsonNode inputNodes = node.path("inputs");
        for (int i = 0; i < inputNodes.size(); i++) {
            parseInput(file, inputNodes.get(i), i, problems).ifPresent(inputs::add);
        }
        if (skip.isEmpty() && !problems.isEmpty()) {
            skip = Optional.of(String.join("; ", problems));
        }
        List<String> statements = statements(node);
        List<List<String>> providers = new ArrayList<>();
        node.path("dataProvider").forEach(list -> {
            List<String> values = new ArrayList<>();
            list.forEach(value -> values.add(value.asText()));
            providers.add(values);
        });
        JsonNode expect = node.path("expect");
        List<Case> out = new ArrayList<>();
        if (providers.isEmpty()) {
            out.add(new Case(file.toString(), id, desc, substituteTables(statements, inputs, skip.isPresent()), inputs,
                    parseExpectation(expect), skip));
            return out;
        }
        for (int[] combination : combinations(providers)) {
            StringBuilder suffix = new StringBuilder();
            List<String> expanded = new ArrayList<>(statements);
            for (int d = 0; d < combination.length; d++) {
                suffix.append('_').append(combination[d]);
                String value = providers.get(d).get(combination[d]);
                String marker = "d[" + d + "]";
                expanded.replaceAll(sql -> sql.replace(marker, value));
            }
            JsonNode overlay = node.path("expectProvider").path(String.valueOf(combination[0]));
            out.add(new Case(file.toString(), id + suffix, desc + suffix, substituteTables(expanded, inputs, skip.isPresent()), inputs,
                    parseExpectation(overlay(expect, overlay)), skip));
        }
        return out;
    }

    private static Optional<String> skipReason(JsonNode node) {
        String mode = node.path("mode").asText("");
        for (String flag : mode.split(",")) {
            if (SKIPPED_MODES.contains(flag.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of("mode " + flag.trim() + " (not applicable to an offline engine)");
            }
        }
        for (JsonNode tag : node.path("tags")) {
            if (tag.asText().trim().equalsIgnoreCase("TODO")) {
                return Optional.of("tagged TODO");
            }
        }
        return Optional.empty();
    }

    private static List<String> statements(JsonNode node) {
        List<String> statements = new ArrayList<>();
        if (node.hasNonNull("sql")) {
            statements.add(node.get("sql").asText());
        }
        node.path("sqls").forEach(sql -> statements.add(sql.asText()));
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("no 'sql' or 'sqls'");
        }
        return statements;
    }

    /** Replaces {@code {i}} by the name of input i; a skipped case keeps placeholders whose input is missing. */
    private static List<String> substituteTables(List<String> statements, List<InputTable> inputs, boolean skipped) {
        List<String> out = new ArrayList<>();
        for (String sql : statements) {
            Matcher matcher = TABLE_PLACEHOLDER.matcher(sql);
            StringBuilder text = new StringBuilder();
            while (matcher.find()) {
                int index = Integer.parseInt(matcher.group(1));
                if (index >= inputs.size()) {
                    if (skipped) {
                        matcher.appendReplacement(text, Matcher.quoteReplacement(matcher.group()));
                        continue;
                    }
                    throw new IllegalArgumentException("SQL refers to {" + index + "} but the case has "
                            + inputs.size() + " inputs");
                }
                matcher.appendReplacement(text, Matcher.quoteReplacement(inputs.get(index).name()));
            }
            matcher.appendTail(text);
            out.add(text.toString());
        }
        return out;
    }

    private static List<int[]> combinations(List<List<String>> providers) {
        List<int[]> out = new ArrayList<>();
        int[] current = new int[providers.size()];
        if (providers.stream().anyMatch(List::isEmpty)) {
            return out;
        }
        while (true) {
            out.add(current.clone());
            int d = providers.size() - 1;
            while (d >= 0 && ++current[d] == providers.get(d).size()) {
                current[d] = 0;
                d--;
            }
            if (d < 0) {
                return out;
            }
        }
    }

    /** The base expectation with the provider's keys laid over it (rows/data and columns/schema replace each other). */
    private static JsonNode overlay(JsonNode base, JsonNode overlay) {
        if (!overlay.isObject()) {
            return base;
        }
        ObjectNode merged = base.isObject() ? ((ObjectNode) base).deepCopy() : YAML.createObjectNode();
        if (overlay.has("rows") || overlay.has("data")) {
            merged.remove(List.of("rows", "data"));
        }
        if (overlay.has("columns") || overlay.has("schema")) {
            merged.remove(List.of("columns", "schema"));
        }
        merged.setAll((ObjectNode) overlay);
        return merged;
    }

    private Optional<InputTable> parseInput(Path file, JsonNode node, int index, List<String> problems) {
        JsonNode effective = node;
        if (node.hasNonNull("resource")) {
            String resource = node.get("resource").asText();
            Optional<Path> found = resolveResource(file, resource);
            if (found.isEmpty()) {
                problems.add("input resource " + resource + " is not available (add its folder with --set "
                        + "conformance.resource-roots)");
                return Optional.empty();
            }
            try {
                JsonNode table = YAML.readTree(found.get().toFile()).path("table");
                ObjectNode merged = table.isObject() ? ((ObjectNode) table).deepCopy() : YAML.createObjectNode();
                node.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals("resource")) {
                        merged.set(field.getKey(), field.getValue());
                    }
                });
                effective = merged;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + found.get(), e);
            }
        }
        String name = effective.hasNonNull("name") ? effective.get("name").asText() : "auto_t" + index;
        List<Column> columns = parseColumns(effective);
        List<List<Object>> rows = parseRows(effective, columns.size());
        int repeat = effective.path("repeat").asInt(1);
        List<List<Object>> repeated = new ArrayList<>();
        for (int r = 0; r < Math.max(repeat, 1); r++) {
            repeated.addAll(rows);
        }
        return Optional.of(new InputTable(name, columns, parseIndexes(effective), repeated));
    }

    /** {@code indexs: ["name:k1|k2:ts", ...]} or {@code index: "name:k:ts"}; indexes without a TS column are left out. */
    private static List<TableIndex> parseIndexes(JsonNode node) {
        List<String> specs = new ArrayList<>();
        for (String field : List.of("indexs", "index")) {
            JsonNode value = node.path(field);
            if (value.isArray()) {
                value.forEach(v -> specs.add(v.asText()));
            } else if (value.isTextual()) {
                specs.add(value.asText());
            }
        }
        List<TableIndex> indexes = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.trim().split(":");
            if (parts.length >= 3 && !parts[1].isBlank() && !parts[2].isBlank()) {
                indexes.add(new TableIndex(List.of(parts[1].trim().split("\\|")), parts[2].trim()));
            }
        }
        return indexes;
    }

    private Optional<Path> resolveResource(Path file, String resource) {
        List<Path> roots = new ArrayList<>(resourceRoots);
        for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            roots.add(dir);
        }
        for (Path root : roots) {
            Path candidate = root.resolve(resource);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Columns from {@code columns: ["c1 int", ...]} or {@code schema: "c1:int, ..."}; empty when neither is given. */
    static List<Column> parseColumns(JsonNode node) {
        List<Column> columns = new ArrayList<>();
        if (node.has("columns")) {
            for (JsonNode column : node.get("columns")) {
                // 'name type'; the name may hold spaces (OpenMLDB's files have "sum(c4)over w1 bigint").
                String text = column.asText().trim();
                int space = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\t'));
                if (space <= 0) {
                    throw new IllegalArgumentException("column '" + column.asText() + "' is not 'name type'");
                }
                columns.add(new Column(text.substring(0, space).trim(), ColumnType.parse(text.substring(space + 1))));
            }
        } else if (node.hasNonNull("schema")) {
            for (String column : node.get("schema").asText().split(",")) {
                if (column.isBlank()) {
                    continue;
                }
                // 'name:type', and (seen in OpenMLDB's own files) 'name type'.
                String[] parts = column.trim().split("\\s*:\\s*|\\s+");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("schema column '" + column.trim() + "' is not 'name:type'");
                }
                columns.add(new Column(parts[0], ColumnType.parse(parts[1])));
            }
        }
        return columns;
    }

    /** Rows from {@code rows:} (lists of YAML scalars) or {@code data:} (comma-separated text lines). */
    static List<List<Object>> parseRows(JsonNode node, int width) {
        List<List<Object>> rows = new ArrayList<>();
        if (node.has("rows") && !node.get("rows").isNull()) {
            int line = 0;
            for (JsonNode row : node.get("rows")) {
                line++;
                List<Object> values = new ArrayList<>();
                row.forEach(value -> values.add(literal(value)));
                checkWidth(values, width, line);
                rows.add(values);
            }
        } else if (node.hasNonNull("data")) {
            int line = 0;
            for (String text : node.get("data").asText().split("\\R")) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                List<Object> values = new ArrayList<>(Arrays.asList((Object[]) text.split(",", -1)));
                values.replaceAll(value -> ((String) value).trim());
                checkWidth(values, width, line);
                rows.add(values);
            }
        }
        return rows;
    }

    private static void checkWidth(List<Object> values, int width, int line) {
        if (width > 0 && values.size() != width) {
            throw new IllegalArgumentException("row " + line + " has " + values.size() + " values for " + width
                    + " columns: " + values);
        }
    }

    static Expectation parseExpectation(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Expectation.succeeds();
        }
        boolean hasColumns = node.has("columns") || node.hasNonNull("schema");
        List<Column> columns = parseColumns(node);
        boolean hasRows = (node.has("rows") && !node.get("rows").isNull()) || node.hasNonNull("data");
        Optional<List<List<Object>>> rows = hasRows
                ? Optional.of(parseRows(node, hasColumns ? columns.size() : 0))
                : Optional.empty();
        Optional<String> order = node.hasNonNull("order") && !node.get("order").asText().isBlank()
                ? Optional.of(node.get("order").asText().trim())
                : Optional.empty();
        boolean success = node.path("success").asBoolean(true);
        Optional<Integer> count = node.hasNonNull("count") ? Optional.of(node.get("count").asInt()) : Optional.empty();
        return new Expectation(hasColumns ? Optional.of(columns) : Optional.empty(), rows, order, success, count);
    }

    private static Object literal(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.longValue() : value.decimalValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.toString();
    }

}
