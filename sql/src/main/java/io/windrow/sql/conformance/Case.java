package io.windrow.sql.conformance;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One runnable case of a case file, after {@code dataProvider} expansion and placeholder
 * substitution: its stable id, its description, the statements to run (the last one's result is
 * checked), the database unqualified table names belong to, the input tables, the query
 * parameters and the expectation.
 *
 * <p>{@code id} is the file's id with the {@code _i} suffixes of a {@code dataProvider}
 * combination and, for the second and later entries of a file that reuse an id, {@code #n}: with
 * the file path it names the case stably. {@code skipReason} is set when the file marks the case
 * as not applicable to an offline engine (mode flags, TODO tag); {@code problem} when the case
 * cannot be built (a malformed entry, a type the dialect lacks, a missing resource): the runner
 * reports such a case as failed with that reason.
 */
public record Case(
        String file,
        String id,
        String desc,
        List<String> statements,
        Optional<String> database,
        List<InputTable> inputs,
        Optional<InputTable> parameters,
        Expectation expectation,
        Optional<String> skipReason,
        Optional<String> problem) {
    public Case {
        requireNonNull(file, "file");
        requireNonNull(id, "id");
        requireNonNull(desc, "desc");
        statements = List.copyOf(statements);
        requireNonNull(database, "database");
        inputs = List.copyOf(inputs);
        requireNonNull(parameters, "parameters");
        requireNonNull(expectation, "expectation");
        requireNonNull(skipReason, "skipReason");
        requireNonNull(problem, "problem");
    }

    /** A case that cannot be built; the runner reports it as failed with {@code problem}. */
    static Case broken(String file, String id, String desc, String problem) {
        return new Case(file, id, desc, List.of(), Optional.empty(), List.of(), Optional.empty(),
                Expectation.succeeds(), Optional.empty(), Optional.of(problem));
    }

    /** {@code id desc}, as the report prints it. */
    public String title() {
        return desc.isBlank() ? id : id + " " + desc;
    }
}
