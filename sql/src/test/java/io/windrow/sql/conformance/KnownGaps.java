package io.windrow.sql.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The conformance cases Windrow does not pass yet, read from a test resource with one line per
 * case: {@code FILE | CASE TITLE | REASON}; {@code #} starts a comment line.
 */
final class KnownGaps {
    private final Map<String, String> reasons;

    private KnownGaps(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    static KnownGaps load(String resource) {
        Map<String, String> reasons = new HashMap<>();
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
                    throw new IllegalStateException(resource + " line " + number + ": expected FILE | CASE | REASON");
                }
                reasons.put(key(parts[0].strip(), parts[1].strip()), parts[2].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KnownGaps(reasons);
    }

    /** The reason a case is a known gap, or null if it is expected to pass. */
    String reason(String file, String caseTitle) {
        return reasons.get(key(file, caseTitle.strip()));
    }

    private static String key(String file, String caseTitle) {
        return file + "\u0000" + caseTitle;
    }
}
