package io.windrow.sql.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.windrow.sql.ddl.TableIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * substitutes {@code d[i]} and the {@code {i}} table placeholders in {@code sql} and {@code sqls},
 * loads {@code resource} inputs, reads {@code parameters}, and marks the cases an offline engine
 * does not run (mode {@code offline-unsupport} or {@code batch-unsupport}, tag {@code TODO}).
 *
 * <p>A resource file (a top-level {@code table}, no {@code cases}) has no cases of its own.
 * Parsing never throws for bad content: a file that is not readable YAML becomes one case
 * with id {@value #FILE_CASE_ID}, and an entry that cannot be built (an unknown type, a row of
 * the wrong width, a missing resource) a case carrying that problem; the runner reports both as
 * failed, so one bad entry never hides the rest of the corpus. Duplicate keys in a mapping keep
 * the last value, as the SnakeYAML loader of OpenMLDB does.
 */
public final class CaseFileParser {
    /** The id of the case that stands for a whole file that cannot be read. */
    public static final String FILE_CASE_ID = "(file)";
    /** The mode flags that concern OpenMLDB's offline (batch) engine; other flags concern its other modes. */
    private static final Set<String> SKIPPED_MODES = Set.of("offline-unsupport", "batch-unsupport");
    private static final Pattern TABLE_PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final Pattern NOT_NULL = Pattern.compile("(?i)\\s+not\\s+null\\s*$");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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

    /** Every case of the file, in file order, expanded; never throws for bad content (see the class comment). */
    public List<Case> parse(Path file) {
        requireNonNull(file, "file");
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException | RuntimeException e) {
            return List.of(Case.broken(file.toString(), FILE_CASE_ID, "", "cannot read the file as YAML: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s*\\n\\s*", " ")));
        }
        if (root != null && root.isObject() && root.has("table") && !root.has("cases")) {
            return List.of(); // a resource file: a table that cases load with 'resource:'
        }
        if (root == null || !root.isObject() || !root.path("cases").isArray()) {
            return List.of(Case.broken(file.toString(), FILE_CASE_ID, "", "expected a mapping with a list 'cases'"));
        }
        Set<String> debugs = new HashSet<>();
        root.path("debugs").forEach(node -> debugs.add(node.asText().trim()));
        Optional<String> fileDatabase = text(root, "db");
        Map<String, Integer> seenIds = new HashMap<>();
        List<Case> cases = new ArrayList<>();
        JsonNode caseNodes = root.path("cases");
        for (int index = 0; index < caseNodes.size(); index++) {
            JsonNode node = caseNodes.get(index);
            String id = node.hasNonNull("id") ? node.get("id").asText().trim() : String.valueOf(index);
            int occurrence = seenIds.merge(id, 1, Integer::sum);
            String uniqueId = occurrence == 1 ? id : id + "#" + occurrence;
            String desc = node.path("desc").asText("").strip();
            if (!debugs.isEmpty() && !debugs.contains(desc)) {
                continue;
            }
            try {
                cases.addAll(parseCase(file, uniqueId, desc, node, fileDatabase));
            } catch (RuntimeException e) {
                cases.add(Case.broken(file.toString(), uniqueId, desc, String.valueOf(e.getMessage())));
            }
        }
        return cases;
    }

    private List<Case> parseCase(Path file, String id, String desc, JsonNode node, Optional<String> fileDatabase) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a case must be a mapping, not " + node.getNodeType());
        }
        Optional<String> skip = skipReason(node);
        Optional<String> database = text(node, "db").or(() -> fileDatabase);
        List<InputTable> inputs = new ArrayList<>();
        JsonNode inputNodes = node.path("inputs");
        for (int i = 0; i < inputNodes.size(); i++) {
            try {
                inputs.add(parseInput(file, inputNodes.get(i), i, database));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("input " + i + ": " + e.getMessage(), e);
            }
        }
        Optional<InputTable> parameters = Optional.empty();
        if (node.path("parameters").isObject()) {
            try {
                parameters = Optional.of(table("parameters", Optional.empty(), node.get("parameters")));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("parameters: " + e.getMessage(), e);
            }
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
            out.add(new Case(file.toString(), id, desc, substituteTables(statements, inputs), database, inputs,
                    parameters, parseExpectation(expect), skip, Optional.empty()));
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
            // OpenMLDB lets only the first dataProvider list choose an expectProvider entry.
            JsonNode overlay = node.path("expectProvider").path(String.valueOf(combination[0]));
            String caseId = id + suffix;
            try {
                out.add(new Case(file.toString(), caseId, desc + suffix, substituteTables(expanded, inputs), database,
                        inputs, parameters, parseExpectation(overlay(expect, overlay)), skip, Optional.empty()));
            } catch (RuntimeException e) {
                out.add(Case.broken(file.toString(), caseId, desc + suffix, String.valueOf(e.getMessage())));
            }
        }
        return out;
    }

    /** Why the file marks the case as not for an offline engine: {@code mode FLAG} or {@code tag TODO}. */
    private static Optional<String> skipReason(JsonNode node) {
        String mode = node.path("mode").asText("");
        for (String flag : mode.split(",")) {
            String normalized = flag.trim().toLowerCase(Locale.ROOT);
            if (SKIPPED_MODES.contains(normalized)) {
                return Optional.of("mode " + normalized);
            }
        }
        for (JsonNode tag : node.path("tags")) {
            if (tag.asText().trim().equalsIgnoreCase("TODO")) {
                return Optional.of("tag TODO");
            }
        }
        return Optional.empty();
    }

    private static List<String> statements(JsonNode node) {
        List<String> statements = new ArrayList<>();
        if (node.hasNonNull("sql") && !node.get("sql").asText().isBlank()) {
            statements.add(node.get("sql").asText());
        }
        node.path("sqls").forEach(sql -> statements.add(sql.asText()));
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("no 'sql' or 'sqls'");
        }
        return statements;
    }

    /** Replaces {@code {i}} by the name of input i. */
    private static List<String> substituteTables(List<String> statements, List<InputTable> inputs) {
        List<String> out = new ArrayList<>();
        for (String sql : statements) {
            Matcher matcher = TABLE_PLACEHOLDER.matcher(sql);
            StringBuilder text = new StringBuilder();
            while (matcher.find()) {
                int index = Integer.parseInt(matcher.group(1));
                if (index >= inputs.size()) {
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

    private InputTable parseInput(Path file, JsonNode node, int index, Optional<String> caseDatabase) {
        JsonNode effective = node;
        if (node.hasNonNull("resource")) {
            String resource = node.get("resource").asText();
            Path found = resolveResource(file, resource).orElseThrow(() -> new IllegalArgumentException(
                    "resource " + resource + " not found (give its folder with --set conformance.resource-roots)"));
            JsonNode table;
            try {
                table = YAML.readTree(found.toFile()).path("table");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read resource " + found + ": " + e.getMessage(), e);
            }
            ObjectNode merged = table.isObject() ? ((ObjectNode) table).deepCopy() : YAML.createObjectNode();
            node.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("resource")) {
                    merged.set(field.getKey(), field.getValue());
                }
            });
            effective = merged;
        }
        for (String unsupported : List.of("create", "inserts")) {
            if (effective.has(unsupported)) {
                throw new IllegalArgumentException("inputs given by '" + unsupported
                        + "' statements are not supported by the runner (give 'columns' and 'rows')");
            }
        }
        String name = effective.hasNonNull("name") ? effective.get("name").asText().trim() : "auto_t" + index;
        return table(name, text(effective, "db").or(() -> caseDatabase), effective);
    }

    /** A table from {@code columns}/{@code schema}, {@code rows}/{@code data}, {@code index(s)} and {@code repeat}. */
    private static InputTable table(String name, Optional<String> database, JsonNode node) {
        boolean hasColumns = node.has("columns") || node.hasNonNull("schema");
        if (!hasColumns) {
            throw new IllegalArgumentException("table " + name + " has no 'columns' or 'schema'");
        }
        List<Column> columns = parseColumns(node);
        List<List<Object>> rows = parseRows(node, columns.size());
        int repeat = node.path("repeat").asInt(1);
        List<List<Object>> repeated = new ArrayList<>();
        for (int r = 0; r < Math.max(repeat, 1); r++) {
            repeated.addAll(rows);
        }
        return new InputTable(name, database, columns, parseIndexes(node), repeated);
    }

    /** {@code indexs: ["name:k1|k2:ts", ...]} or {@code index: "name:k:ts,name2:k:ts"}; indexes without a TS column are left out. */
    private static List<TableIndex> parseIndexes(JsonNode node) {
        List<String> specs = new ArrayList<>();
        for (String field : List.of("indexs", "index")) {
            JsonNode value = node.path(field);
            if (value.isArray()) {
                value.forEach(v -> specs.addAll(Arrays.asList(v.asText().split(","))));
            } else if (value.isTextual()) {
                specs.addAll(Arrays.asList(value.asText().split(","))); // "index2:c2:c5,index0:c0:c5"
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

    /**
     * Finds a {@code resource} file against the resource roots and the case file's ancestors. Upstream
     * paths start at OpenMLDB's checkout ({@code cases/resource/x.yaml}) while a corpus copy may keep
     * only {@code resource/}: leading folders are dropped until the path is found (keeping at least
     * the last folder and the file name).
     */
    private Optional<Path> resolveResource(Path file, String resource) {
        List<Path> roots = new ArrayList<>(resourceRoots);
        for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            roots.add(dir);
        }
        Path relative = Path.of(resource);
        if (relative.isAbsolute()) {
            return Files.isRegularFile(relative) ? Optional.of(relative) : Optional.empty();
        }
        for (int drop = 0; drop == 0 || drop <= relative.getNameCount() - 2; drop++) {
            Path candidatePath = relative.subpath(drop, relative.getNameCount());
            for (Path root : roots) {
                Path candidate = root.resolve(candidatePath);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Columns from {@code columns: ["c1 int", "c2:int", ...]} or {@code schema: "c1:int, c2 int, ..."}; empty when neither is given. */
    static List<Column> parseColumns(JsonNode node) {
        List<Column> columns = new ArrayList<>();
        if (node.has("columns")) {
            for (JsonNode column : node.get("columns")) {
                columns.add(parseColumn(column.asText()));
            }
        } else if (node.hasNonNull("schema")) {
            for (String column : node.get("schema").asText().split(",")) {
                if (!column.isBlank()) {
                    columns.add(parseColumn(column));
                }
            }
        }
        return columns;
    }

    /**
     * One column spec: {@code name type}, {@code name:type} or {@code name: type}, optionally
     * followed by {@code NOT NULL} (a constraint, which the runner does not check). The name may hold
     * spaces (OpenMLDB's files have {@code "sum(c4)over w1 bigint"}): the type is the last word.
     */
    static Column parseColumn(String spec) {
        String text = NOT_NULL.matcher(spec.strip()).replaceFirst("");
        int colon = text.lastIndexOf(':');
        int space = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\t'));
        String name;
        String type;
        if (colon > 0 && text.substring(colon + 1).strip().matches("[A-Za-z0-9_]+")) {
            name = text.substring(0, colon).strip();
            type = text.substring(colon + 1);
        } else if (space > 0) {
            name = text.substring(0, space).strip();
            type = text.substring(space + 1);
        } else {
            throw new IllegalArgumentException("column '" + spec.strip() + "' is not 'name type' or 'name:type'");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column '" + spec.strip() + "' has no name");
        }
        return new Column(name, ColumnType.parse(type));
    }

    /** Rows from {@code rows:} (lists of YAML scalars) or {@code data:} (comma-separated text lines). */
    static List<List<Object>> parseRows(JsonNode node, int width) {
        List<List<Object>> rows = new ArrayList<>();
        if (node.has("rows") && !node.get("rows").isNull()) {
            int line = 0;
            for (JsonNode row : node.get("rows")) {
                line++;
                List<Object> values = new ArrayList<>();
                if (row.isArray()) {
                    row.forEach(value -> values.add(literal(value)));
                } else {
                    values.add(literal(row));
                }
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
        List<Column> columns;
        try {
            columns = parseColumns(node);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expect: " + e.getMessage(), e);
        }
        boolean hasRows = (node.has("rows") && !node.get("rows").isNull()) || node.hasNonNull("data");
        Optional<List<List<Object>>> rows;
        try {
            rows = hasRows ? Optional.of(parseRows(node, hasColumns ? columns.size() : 0)) : Optional.empty();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expect: " + e.getMessage(), e);
        }
        Optional<String> order = node.hasNonNull("order") && !node.get("order").asText().isBlank()
                ? Optional.of(node.get("order").asText().trim())
                : Optional.empty();
        boolean success = node.path("success").asBoolean(true);
        Optional<Integer> count = node.hasNonNull("count") ? Optional.of(node.get("count").asInt()) : Optional.empty();
        return new Expectation(hasColumns ? Optional.of(columns) : Optional.empty(), rows, order, success, count);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText().trim())
                : Optional.empty();
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
