package io.windrow.sql.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conformance cases Windrow does not pass yet, read from a test resource with one line per
 * case: {@code FILE | CASE ID | REASON} (FILE relative to the corpus folder, CASE ID as the runner
 * names it: the file's id, {@code _i} suffixes of a dataProvider combination, {@code #n} for a
 * repeated id); {@code #} starts a comment line. {@link #write} regenerates the file from a run,
 * grouped by {@link FailureCause.Group} with a count per group.
 */
final class KnownGaps {
    /** Reasons that only say the result differs: a reason written by hand says more and is kept on regeneration. */
    private static final Set<String> GENERIC_REASONS = Set.of("wrong values", "wrong number of rows", "wrong columns");

    private final Map<String, String> reasons;

    private KnownGaps(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    static KnownGaps load(String resource) {
        Map<String, String> reasons = new LinkedHashMap<>();
        try (InputStream in = KnownGaps.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " not found");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ", 3);
                if (parts.length != 3) {
                    throw new IllegalStateException(resource + " line " + number + ": expected FILE | CASE ID | REASON");
                }
                if (reasons.put(key(parts[0].strip(), parts[1].strip()), parts[2].strip()) != null) {
                    throw new IllegalStateException(resource + " line " + number + ": case listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KnownGaps(reasons);
    }

    /** The reason a case is a known gap, or null if it is expected to pass. */
    String reason(String file, String caseId) {
        return reasons.get(key(file, caseId));
    }

    /** The listed keys ({@code FILE | CASE ID}). */
    Set<String> keys() {
        return reasons.keySet();
    }

    static String key(String file, String caseId) {
        return file + " | " + caseId;
    }

    /**
     * Writes the gaps of a run: every failed case with its cause, grouped by cause group (largest
     * first), in run order within a group. A reason already listed for a case is kept
     * when the computed one only says the result differs.
     */
    void write(Path target, Map<String, FailureCause> failures) {
        Map<FailureCause.Group, List<String>> byGroup = new EnumMap<>(FailureCause.Group.class);
        failures.forEach((key, cause) -> {
            String reason = cause.reason();
            String previous = reasons.get(key);
            if (previous != null && GENERIC_REASONS.contains(reason)) {
                reason = previous;
            }
            byGroup.computeIfAbsent(cause.group(), group -> new ArrayList<>()).add(key + " | " + reason.replace('\n', ' '));
        });
        List<String> lines = new ArrayList<>(List.of(
                "# OpenMLDB conformance cases Windrow does not pass yet: FILE | CASE ID | REASON, grouped by cause.",
                "# OpenMldbConformanceTest runs ../shared/conformance/openmldb-corpus; it reports a listed failing case",
                "# as aborted, fails on any unlisted failure, and fails when a listed case passes or no longer exists.",
                "# Regenerate after a change (keeps hand-written reasons of wrong-result cases):",
                "#   ./mvnw -B -o -q -pl sql -am test -Dtest=OpenMldbConformanceTest -Dsurefire.failIfNoSpecifiedTests=false \\",
                "#     -Dwindrow.conformance.writeGaps=$PWD/sql/src/test/resources/conformance-known-gaps.txt",
                "# " + failures.size() + " gaps."));
        byGroup.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
                .forEach(entry -> {
                    lines.add("");
                    lines.add("# == " + entry.getKey().meaning() + ": " + entry.getValue().size() + " ==");
                    lines.addAll(entry.getValue());
                });
        try {
            Files.writeString(target, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
