package io.windrow.udf.scalar;

import io.windrow.udf.type.SqlType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.windrow.udf.type.SqlType.BOOL;
import static io.windrow.udf.type.SqlType.DATE;
import static io.windrow.udf.type.SqlType.DOUBLE;
import static io.windrow.udf.type.SqlType.FLOAT;
import static io.windrow.udf.type.SqlType.INT16;
import static io.windrow.udf.type.SqlType.INT32;
import static io.windrow.udf.type.SqlType.INT64;
import static io.windrow.udf.type.SqlType.NULL;
import static io.windrow.udf.type.SqlType.STRING;
import static io.windrow.udf.type.SqlType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScalarCatalogTest {
    private final ScalarCatalog catalog = ScalarCatalog.standard();

    @Test
    void everyFunctionIsDocumentedAndNamedOnce() {
        Set<String> names = new HashSet<>();
        for (ScalarFunction function : catalog.all()) {
            assertThat(function.name()).isEqualTo(function.name().toLowerCase(Locale.ROOT)).isNotBlank();
            assertThat(function.description()).as(function.name()).isNotBlank().doesNotContain("\n");
            assertThat(function.signatures()).as(function.name()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s).contains("->"));
            List<String> all = new ArrayList<>(function.aliases());
            all.add(function.name());
            for (String name : all) {
                assertThat(names.add(name.toLowerCase(Locale.ROOT))).as("unique name " + name).isTrue();
            }
        }
        assertThat(names).contains("substr", "nvl", "isnull", "week", "day", "ceiling", "power", "character_length");
    }

    @Test
    void lookupIgnoresCaseAndKnowsNoStrangers() {
        assertThat(catalog.lookup("SUBSTR")).get().extracting(ScalarFunction::name).isEqualTo("substring");
        assertThat(catalog.lookup("Nvl")).get().extracting(ScalarFunction::name).isEqualTo("ifnull");
        assertThat(catalog.lookup("no_such_function")).isEmpty();
        assertThatThrownBy(() -> new ScalarCatalog(List.of(catalog.lookup("abs").get(), catalog.lookup("abs").get())))
                .hasMessageContaining("abs");
    }

    @Test
    void everyFunctionBindsItsDeclaredSignatures() {
        // each usage line names types; binding exactly those types succeeds with the line's result type
        for (ScalarFunction function : catalog.all()) {
            for (String signature : function.signatures()) {
                List<SqlType> params = parameters(signature);
                if (params == null || SqlType.named(signature.substring(signature.indexOf("-> ") + 3)).isEmpty()) {
                    continue; // generic usage lines (T, any, ...) and rejected functions
                }
                BoundFunction bound = function.bind(params);
                assertThat(bound.parameterTypes()).as(signature).isEqualTo(params);
                assertThat(signature).endsWith("-> " + bound.resultType().sqlName());
                // Spark ships bound functions to executors
                assertThat(roundTrip(bound).parameterTypes()).as(signature + " serialized").isEqualTo(params);
            }
        }
    }

    @Test
    void genericBoundFunctionsSerializeAndStillWork() {
        assertThat(roundTrip(Calls.bind("ifnull", INT32, STRING)).apply(new Object[] {null, "abc"})).isEqualTo("abc");
        assertThat(roundTrip(Calls.bind("hash64", INT32)).apply(new Object[] {90})).isEqualTo(-3754664774081171349L);
        assertThat(roundTrip(Calls.bind("concat_ws", STRING, STRING, STRING)).apply(new Object[] {"-", "a", "b"}))
                .isEqualTo("a-b");
        assertThat(roundTrip(Calls.bind("pmod", INT16, DOUBLE)).apply(new Object[] {-7.5, 2.0})).isEqualTo(0.5);
        assertThat(roundTrip(Calls.bind("maximum", INT64, INT64)).apply(new Object[] {1L, 2L})).isEqualTo(2L);
        assertThat(roundTrip(Calls.bind("hour", TIMESTAMP)).apply(new Object[] {new java.sql.Timestamp(0)}))
                .isEqualTo(8);
    }

    private static BoundFunction roundTrip(BoundFunction bound) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(bound);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (BoundFunction) in.readObject();
            }
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new AssertionError("cannot serialize " + bound, e);
        }
    }

    private static List<SqlType> parameters(String signature) {
        String inside = signature.substring(signature.indexOf('(') + 1, signature.indexOf(')'));
        List<SqlType> types = new ArrayList<>();
        for (String name : inside.split(", ")) {
            if (name.isEmpty()) {
                continue;
            }
            var type = SqlType.named(name);
            if (type.isEmpty()) {
                return null;
            }
            types.add(type.get());
        }
        return types;
    }

    @Test
    void bindingChoosesTheCheapestOverloadAndNamesTheFunctionWhenNoneFits() {
        // OpenMLDB test_calculate id 0, 4, 5, 6: result types per argument type
        assertThat(Calls.bind("abs", INT16).resultType()).isEqualTo(INT32);
        assertThat(Calls.bind("abs", INT64).resultType()).isEqualTo(INT64);
        assertThat(Calls.bind("abs", FLOAT).resultType()).isEqualTo(DOUBLE);
        assertThat(Calls.bind("abs", BOOL).resultType()).isEqualTo(DOUBLE);
        assertThat(Calls.bind("abs", BOOL).parameterTypes()).containsExactly(DOUBLE);
        assertThat(Calls.bind("log", INT16).resultType()).isEqualTo(DOUBLE);
        assertThat(Calls.bind("log", INT64, INT32).resultType()).isEqualTo(DOUBLE);
        assertThat(Calls.bind("log2", FLOAT).resultType()).isEqualTo(FLOAT);
        assertThat(Calls.bind("ceil", INT16).resultType()).isEqualTo(INT64);
        assertThat(Calls.bind("floor", BOOL).resultType()).isEqualTo(DOUBLE);
        assertThat(Calls.bind("round", FLOAT).resultType()).isEqualTo(FLOAT);
        assertThat(Calls.bind("truncate", DOUBLE).resultType()).isEqualTo(DOUBLE);
        assertThat(Calls.bind("power", INT64, FLOAT).resultType()).isEqualTo(DOUBLE);
        assertThat(Calls.bind("pow", FLOAT, FLOAT).resultType()).isEqualTo(FLOAT);
        assertThat(Calls.bind("pow", BOOL, INT32).parameterTypes()).containsExactly(DOUBLE, DOUBLE);
        assertThat(Calls.bind("tan", FLOAT).resultType()).isEqualTo(FLOAT);
        assertThat(Calls.bind("cos", INT16).parameterTypes()).containsExactly(DOUBLE);
        assertThat(Calls.bind("substr", STRING, INT16).parameterTypes()).containsExactly(STRING, INT32);
        assertThat(Calls.bind("year", INT32).parameterTypes()).containsExactly(INT64);
        assertThatThrownBy(() -> Calls.bind("year", NULL)).hasMessageStartingWith("year does not accept (null)");
        // test_calculate id 7, 8, 9 and test_string id 5, 6, 8: what OpenMLDB rejects
        for (String f : List.of("abs", "cos", "log", "ceil", "round", "exp", "sqrt")) {
            for (SqlType t : List.of(STRING, TIMESTAMP, DATE)) {
                assertThatThrownBy(() -> Calls.bind(f, t)).as(f + "(" + t + ")")
                        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(f + " does not accept");
            }
        }
        for (String f : List.of("cos", "cot", "sin", "tan", "acos", "asin", "atan", "sqrt")) {
            assertThatThrownBy(() -> Calls.bind(f, BOOL)).as(f).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Calls.bind("pow", STRING, STRING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Calls.bind("strcmp", INT32, STRING))
                .hasMessage("strcmp does not accept (int32, string); accepted: strcmp(string, string) -> int32");
        assertThatThrownBy(() -> Calls.bind("substr", INT32, INT32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Calls.bind("hour", DATE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Calls.bind("ifnull", TIMESTAMP, INT64)).hasMessageContaining("ifnull");
        assertThatThrownBy(() -> Calls.bind("ifnull", INT32)).hasMessageContaining("ifnull(T, T)");
    }
}
