package io.windrow.jobs.functions;

import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.WindowFunction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The functions listing: one line per function with signature, description and aliases. */
class FunctionsStageTest {
    @Test
    void listsEveryFunctionOnceWithItsAliases() {
        FunctionRegistry registry = FunctionRegistry.standard();
        List<String> lines = FunctionsStage.render(registry).lines().toList();
        assertThat(lines).hasSize(registry.all().size());
        for (WindowFunction function : registry.all()) {
            assertThat(lines).filteredOn(line -> line.startsWith(function.signature() + " "))
                    .singleElement().satisfies(line -> {
                        assertThat(line).contains(function.description());
                        function.aliases().forEach(alias -> assertThat(line).contains(alias));
                    });
        }
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("topn_frequency(value, n) -> string").endsWith("(alias fz_topn_frequency)"));
        FunctionsStage stage = new FunctionsStage();
        assertThat(stage.needsSpark()).isFalse();
        assertThat(stage.name()).isEqualTo("functions");
    }
}
