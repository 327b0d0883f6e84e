package io.windrow.udf;

import io.windrow.udf.aggregate.Avg;
import io.windrow.udf.aggregate.Count;
import io.windrow.udf.aggregate.DistinctCount;
import io.windrow.udf.aggregate.Drawdown;
import io.windrow.udf.aggregate.Entropy;
import io.windrow.udf.aggregate.EwAvg;
import io.windrow.udf.aggregate.Extreme;
import io.windrow.udf.aggregate.Median;
import io.windrow.udf.aggregate.NthValueWhere;
import io.windrow.udf.aggregate.Sum;
import io.windrow.udf.aggregate.Top1Ratio;
import io.windrow.udf.aggregate.TopNFrequency;
import io.windrow.udf.aggregate.Where;
import io.windrow.udf.category.CategoryAggregate;
import io.windrow.udf.list.Join;
import io.windrow.udf.list.OverSplit;
import io.windrow.udf.list.WindowSplit;
import io.windrow.udf.navigation.EdgeValue;
import io.windrow.udf.navigation.Lag;
import io.windrow.udf.support.ArgumentTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The window functions Windrow knows, looked up by name or alias, case-insensitively. The
 * {@link #standard()} registry holds every OpenMLDB aggregate Windrow implements; the SQL planner
 * resolves calls through it and {@code scripts/windrow functions} lists it.
 */
public final class FunctionRegistry {
    private final List<WindowFunction> functions;
    private final Map<String, WindowFunction> byName;

    public FunctionRegistry(List<WindowFunction> functions) {
        this.functions = List.copyOf(functions);
        Map<String, WindowFunction> names = new LinkedHashMap<>();
        for (WindowFunction function : this.functions) {
            List<String> keys = new ArrayList<>();
            keys.add(function.name());
            keys.addAll(function.aliases());
            for (String key : keys) {
                WindowFunction previous = names.put(key.toLowerCase(Locale.ROOT), function);
                if (previous != null) {
                    throw new IllegalArgumentException("function name registered twice: " + key);
                }
            }
        }
        this.byName = Map.copyOf(names);
    }

    /** The name of an {@link OverSplit}: {@code outer(split)}. Before STANDARD: initialization order. */
    private static final java.util.regex.Pattern OVER_SPLIT_NAME =
            java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z_0-9]*)\\(([A-Za-z_][A-Za-z_0-9]*)\\)");
    private static final FunctionRegistry STANDARD = createStandard();

    /**
     * Every function Windrow implements, in the order {@code windrow functions} prints them. One
     * shared instance: registries and functions are immutable.
     */
    public static FunctionRegistry standard() {
        return STANDARD;
    }

    private static FunctionRegistry createStandard() {
        List<WindowFunction> functions = new ArrayList<>(List.of(
                new Count(),
                new Sum(),
                new Avg(),
                Extreme.min(),
                Extreme.max(),
                new DistinctCount(),
                new TopNFrequency(),
                new Top1Ratio(),
                Where.of(new Count(), ArgumentTypes.ANY),
                Where.of(new Sum(), ArgumentTypes.NUMERIC),
                Where.of(new Avg(), ArgumentTypes.NUMERIC),
                Where.of(Extreme.min(), ArgumentTypes.NUMERIC),
                Where.of(Extreme.max(), ArgumentTypes.NUMERIC),
                new Median(),
                new Entropy(),
                new EwAvg(),
                new Drawdown(),
                new NthValueWhere(),
                new Lag(),
                EdgeValue.firstValue(),
                EdgeValue.lastValue()));
        // count_cate ... top_n_value_ratio_cate: one class, see CategoryAggregate's table.
        functions.addAll(CategoryAggregate.family());
        functions.addAll(WindowSplit.family());
        return new FunctionRegistry(functions);
    }

    /**
     * The function with this name or alias, ignoring case; {@code outer(split)} (an
     * {@link OverSplit}'s name) is {@link #lookupOverSplit}, so the planner's call names resolve
     * again on the executors.
     */
    public Optional<WindowFunction> lookup(String nameOrAlias) {
        requireNonNull(nameOrAlias, "nameOrAlias");
        java.util.regex.Matcher overSplit = OVER_SPLIT_NAME.matcher(nameOrAlias);
        if (overSplit.matches()) {
            return lookupOverSplit(overSplit.group(1), overSplit.group(2));
        }
        return Optional.ofNullable(byName.get(nameOrAlias.toLowerCase(Locale.ROOT)));
    }

    /**
     * The aggregate {@code outer} applied to the list of the window split {@code split}, as in
     * {@code join(window_split(c, ","), " ") OVER w}: empty when either name is unknown or
     * {@code split} is not one of the {@code window_split*} functions.
     */
    public Optional<WindowFunction> lookupOverSplit(String outer, String split) {
        requireNonNull(outer, "outer");
        return lookup(split).filter(WindowSplit.class::isInstance)
                .flatMap(s -> (LIST_JOIN.matcher(outer).matches() ? Optional.<WindowFunction>of(new Join()) : lookup(outer))
                        .map(o -> OverSplit.of(o, (WindowSplit) s)));
    }

    /**
     * {@code join}/{@code fz_join} is a window aggregate only over a split list here: registered by
     * name, a plain {@code join(split(s, ","), " ")} without OVER would be taken for an aggregate
     * instead of the scalar of that name.
     */
    private static final java.util.regex.Pattern LIST_JOIN =
            java.util.regex.Pattern.compile("(?i)(fz_)?join");

    /** All functions, each once (aliases are in {@link WindowFunction#aliases()}). */
    public List<WindowFunction> all() {
        return functions;
    }
}
