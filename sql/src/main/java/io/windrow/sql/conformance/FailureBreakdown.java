package io.windrow.sql.conformance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The failures of a conformance run counted by {@link FailureCause}: per group, the most frequent
 * reasons, and the functions that failing cases call but Windrow lacks, each with the number of
 * cases. Printed after a run ({@code scripts/windrow conformance}, the test suite) so whoever
 * closes the gaps sees which ones pay most.
 */
public final class FailureBreakdown {
    private static final int REASONS_SHOWN = 12;

    private FailureBreakdown() {}

    /** The causes of the failed results, in result order. */
    public static Map<CaseResult, FailureCause> causes(List<CaseResult> results, Collection<String> knownFunctions) {
        Map<CaseResult, FailureCause> causes = new LinkedHashMap<>();
        for (CaseResult result : results) {
            if (result.status() == CaseStatus.FAIL) {
                causes.put(result, FailureCause.of(result, knownFunctions));
            }
        }
        return causes;
    }

    /** The report: one section per group with its count and top reasons, then the missing functions. */
    public static String render(List<CaseResult> results, Collection<String> knownFunctions) {
        Map<CaseResult, FailureCause> causes = causes(results, knownFunctions);
        Map<FailureCause.Group, Map<String, Integer>> byGroup = new EnumMap<>(FailureCause.Group.class);
        Map<String, Integer> functions = new TreeMap<>();
        for (FailureCause cause : causes.values()) {
            byGroup.computeIfAbsent(cause.group(), group -> new TreeMap<>()).merge(cause.reason(), 1, Integer::sum);
            if (cause.group() == FailureCause.Group.MISSING_FUNCTION) {
                for (String name : cause.reason().substring("lacks ".length()).split(", ")) {
                    functions.merge(name, 1, Integer::sum);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(ConformanceRunner.summary(results));
        lines.add("");
        lines.add("Failures by cause (" + causes.size() + "):");
        byGroup.forEach((group, reasons) -> {
            int total = reasons.values().stream().mapToInt(Integer::intValue).sum();
            lines.add(String.format("  %4d  %s", total, group.meaning()));
            List<Map.Entry<String, Integer>> top = sorted(reasons);
            top.stream().limit(REASONS_SHOWN).forEach(entry ->
                    lines.add(String.format("        %4d  %s", entry.getValue(), entry.getKey())));
            if (top.size() > REASONS_SHOWN) {
                lines.add("              ... " + (top.size() - REASONS_SHOWN) + " more reasons");
            }
        });
        if (!functions.isEmpty()) {
            lines.add("");
            lines.add("Functions Windrow lacks, by the number of failing cases that call them:");
            List<String> names = sorted(functions).stream().map(entry -> entry.getKey() + " " + entry.getValue()).toList();
            for (int i = 0; i < names.size(); i += 8) {
                lines.add("  " + String.join(", ", names.subList(i, Math.min(names.size(), i + 8))));
            }
        }
        return String.join("\n", lines);
    }

    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }
}
