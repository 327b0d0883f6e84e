package io.windrow.jobs.functions;

import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.WindowFunction;
import io.windrow.udf.scalar.ScalarCatalog;
import io.windrow.udf.scalar.ScalarFunction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The functions listing: window functions with signature, description and aliases, then scalars with their signatures. */
class FunctionsStageTest {
    @Test
    void listsEveryFunctionOnceWithItsAliases() {
        FunctionRegistry registry = FunctionRegistry.standard();
        ScalarCatalog scalars = ScalarCatalog.standard();
        List<String> lines = FunctionsStage.render(registry, scalars).lines().toList();
        int signatures = scalars.all().stream().mapToInt(f -> f.signatures().size()).sum();
        assertThat(lines).hasSize(registry.all().size() + scalars.all().size() + signatures + 3);
        for (WindowFunction function : registry.all()) {
            assertThat(lines).filteredOn(line -> line.startsWith("  " + function.signature() + " "))
                    .singleElement().satisfies(line -> {
                        assertThat(line).contains(function.description());
                        function.aliases().forEach(alias -> assertThat(line).contains(alias));
                    });
        }
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("  topn_frequency(value, n) -> string").endsWith("(alias fz_topn_frequency)"));
        for (ScalarFunction function : scalars.all()) {
            int at = lines.indexOf("  " + function.name() + "  " + function.description()
                    + (function.aliases().isEmpty() ? "" : " (alias " + String.join(", ", function.aliases()) + ")"));
            assertThat(at).as(function.name()).isPositive();
            assertThat(lines.subList(at + 1, at + 1 + function.signatures().size()))
                    .containsExactlyElementsOf(function.signatures().stream().map(s -> "      " + s).toList());
        }
        assertThat(lines).contains("      substring(string, int32, int32) -> string",
                "  substring  " + scalars.lookup("substr").orElseThrow().description() + " (alias substr)");
        FunctionsStage stage = new FunctionsStage();
        assertThat(stage.needsSpark()).isFalse();
        assertThat(stage.name()).isEqualTo("functions");
    }
}
