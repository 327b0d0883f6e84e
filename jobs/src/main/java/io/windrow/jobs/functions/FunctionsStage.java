package io.windrow.jobs.functions;

import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.WindowFunction;
import io.windrow.udf.scalar.ScalarCatalog;
import io.windrow.udf.scalar.ScalarFunction;

import java.util.List;

/**
 * {@code scripts/windrow functions}: prints every function Windrow implements: the window functions,
 * one per line (signature, one-line description, aliases), then the scalar functions, each with its
 * description and aliases on one line and its signatures indented below. Needs no Spark and writes
 * no output.
 */
public final class FunctionsStage implements Stage {
    public static void main(String[] args) {
        StageMain.main(new FunctionsStage(), args);
    }

    @Override
    public String name() {
        return "functions";
    }

    @Override
    public String description() {
        return "list the OpenMLDB window and scalar functions Windrow implements (signatures, meaning, aliases)";
    }

    @Override
    public boolean needsSpark() {
        return false;
    }

    @Override
    public List<String> configSections() {
        return List.of();
    }

    @Override
    public StageResult run(StageContext context) {
        FunctionRegistry registry = FunctionRegistry.standard();
        ScalarCatalog scalars = ScalarCatalog.standard();
        System.out.print(render(registry, scalars));
        System.out.flush();
        return new StageResult(registry.all().size() + " window functions, " + scalars.all().size()
                + " scalar functions");
    }

    /** The listing: window functions (signatures aligned in one column), then scalar functions. */
    public static String render(FunctionRegistry registry, ScalarCatalog scalars) {
        StringBuilder text = new StringBuilder();
        text.append("Window functions (").append(registry.all().size()).append("), used with OVER:\n");
        int width = registry.all().stream().mapToInt(f -> f.signature().length()).max().orElse(0);
        for (WindowFunction function : registry.all()) {
            text.append(String.format("  %-" + width + "s  %s", function.signature(), function.description()))
                    .append(aliases(function.aliases())).append('\n');
        }
        text.append("\nScalar functions (").append(scalars.all().size()).append("):\n");
        for (ScalarFunction function : scalars.all()) {
            text.append("  ").append(function.name()).append("  ").append(function.description())
                    .append(aliases(function.aliases())).append('\n');
            for (String signature : function.signatures()) {
                text.append("      ").append(signature).append('\n');
            }
        }
        return text.toString();
    }

    private static String aliases(List<String> aliases) {
        return aliases.isEmpty() ? "" : " (alias " + String.join(", ", aliases) + ")";
    }
}
