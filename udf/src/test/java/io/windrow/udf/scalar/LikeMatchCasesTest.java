package io.windrow.udf.scalar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.windrow.udf.type.SqlType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every case of OpenMLDB's test_like_match.yaml, for like_match and ilike_match, with its exact
 * expected values: the cases call {@code d[0](column, 'pattern'[, 'escape'])} on one string column.
 */
class LikeMatchCasesTest {
    private static final Pattern CALL = Pattern.compile(
            "d\\[0]\\((c\\d+),\\s*('(?:[^']*)'|\"(?:[^\"]*)\"|null)\\s*(?:,\\s*('(?:[^']*)'|\"(?:[^\"]*)\"|null))?\\)");

    @Test
    void everyCaseOfTestLikeMatch() throws IOException {
        Path file = Path.of(System.getProperty("windrow.shared", "../../shared"),
                "conformance", "openmldb-corpus", "function", "function", "test_like_match.yaml");
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        List<String> checked = new ArrayList<>();
        for (JsonNode testCase : root.get("cases")) {
            String id = testCase.get("id").asText();
            Matcher call = CALL.matcher(testCase.get("sql").asText());
            assertThat(call.find()).as("case " + id + " calls d[0](column, pattern...)").isTrue();
            JsonNode input = testCase.get("inputs").get(0);
            int column = columnIndex(input.get("columns"), call.group(1));
            List<String> functions = new ArrayList<>();
            testCase.get("dataProvider").get(0).forEach(f -> functions.add(f.asText()));
            for (int f = 0; f < functions.size(); f++) {
                String function = functions.get(f);
                JsonNode expect = testCase.has("expectProvider") && testCase.get("expectProvider").has(String.valueOf(f))
                        ? testCase.get("expectProvider").get(String.valueOf(f)) : testCase.get("expect");
                List<SqlType> types = new ArrayList<>();
                types.add(column < 0 ? SqlType.INT32 : columnType(input.get("columns").get(column)));
                List<String> constants = new ArrayList<>();
                for (int g = 2; g <= 3; g++) {
                    if (call.group(g) != null) {
                        String literal = sqlString(call.group(g));
                        types.add(literal == null ? SqlType.NULL : SqlType.STRING);
                        constants.add(literal);
                    }
                }
                String label = "case " + id + " " + function + types;
                if (expect.has("success") && !expect.get("success").asBoolean()) {
                    assertThatThrownBy(() -> Calls.bind(function, types.toArray(new SqlType[0]))).as(label)
                            .isInstanceOf(IllegalArgumentException.class);
                    checked.add(label);
                    continue;
                }
                JsonNode rows = input.get("rows");
                JsonNode expected = expect.get("rows");
                for (int r = 0; r < rows.size(); r++) {
                    Object[] args = new Object[types.size()];
                    // the stored value: the expected row repeats it (after the SQL literal's escapes) where it has c1
                    JsonNode cell = expected.get(r).size() == 3 ? expected.get(r).get(1) : rows.get(r).get(column);
                    args[0] = cell.isNull() ? null : cell.asText();
                    for (int c = 0; c < constants.size(); c++) {
                        args[c + 1] = constants.get(c);
                    }
                    Object result = Calls.bind(function, types.toArray(new SqlType[0])).apply(args);
                    JsonNode want = expected.get(r).get(expected.get(r).size() - 1);
                    assertThat(result).as(label + " row " + r + " " + args[0])
                            .isEqualTo(want.isNull() ? null : want.asBoolean());
                }
                checked.add(label);
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(50);
    }

    private static int columnIndex(JsonNode columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).asText().trim().split("\\s+")[0].equals(name)) {
                return i;
            }
        }
        return -1; // the column is not in the table: OpenMLDB fails the query
    }

    private static SqlType columnType(JsonNode column) {
        return SqlType.named(column.asText().trim().split("\\s+")[1]).orElseThrow();
    }

    /** A SQL string literal's value: quotes removed, {@code \\} read as one backslash; null for NULL. */
    private static String sqlString(String literal) {
        if (literal.equals("null")) {
            return null;
        }
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '\\') {
                i++;
            }
            out.append(c);
        }
        return out.toString();
    }
}
