package io.windrow.jobs.functions;

import io.windrow.jobs.Stage;
import io.windrow.jobs.StageContext;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.StageResult;
import io.windrow.udf.FunctionRegistry;
import io.windrow.udf.WindowFunction;

import java.util.List;

/**
 * {@code scripts/windrow functions}: prints every window function Windrow implements, one per line:
 * its signature, its one-line description and its aliases. Needs no Spark and writes no output.
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
        return "list the OpenMLDB window functions Windrow implements (signature, description, aliases)";
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
        System.out.print(render(registry));
        System.out.flush();
        return new StageResult(registry.all().size() + " functions");
    }

    /** The listing: signatures aligned in one column, then description and aliases. */
    public static String render(FunctionRegistry registry) {
        int width = registry.all().stream().mapToInt(f -> f.signature().length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (WindowFunction function : registry.all()) {
            text.append(String.format("%-" + width + "s  %s", function.signature(), function.description()));
            if (!function.aliases().isEmpty()) {
                text.append(" (alias ").append(String.join(", ", function.aliases())).append(')');
            }
            text.append('\n');
        }
        return text.toString();
    }
}
