package io.windrow.sql.conformance;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One runnable case of a case file, after {@code dataProvider} expansion and placeholder
 * substitution: its id and description, the statements to run (the last one's result is
 * checked), the input tables and the expectation. {@code skipReason} is set when the file marks
 * the case as not applicable to an offline engine (mode flags, TODO tag) or when its inputs
 * cannot be loaded (a {@code resource} file that is not available).
 */
public record Case(
        String file,
        String id,
        String desc,
        List<String> statements,
        List<InputTable> inputs,
        Expectation expectation,
        Optional<String> skipReason) {
    public Case {
        requireNonNull(file, "file");
        requireNonNull(id, "id");
        requireNonNull(desc, "desc");
        statements = List.copyOf(statements);
        inputs = List.copyOf(inputs);
        requireNonNull(expectation, "expectation");
        requireNonNull(skipReason, "skipReason");
    }

    /** {@code id desc}, as the report prints it. */
    public String title() {
        return id + " " + desc;
    }
}
