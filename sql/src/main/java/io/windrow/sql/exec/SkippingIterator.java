package io.windrow.sql.exec;

import java.util.Iterator;
import java.util.NoSuchElementException;

import static java.util.Objects.requireNonNull;

/**
 * A one-pass operator over a sorted partition: each input row goes through {@link #process},
 * which may keep state between rows and returns the output row, or null when the input row only
 * feeds that state (a union row entering a window buffer, a right-side row of an as-of join).
 */
abstract class SkippingIterator<T> implements Iterator<T> {
    private final Iterator<T> input;
    private T next;

    SkippingIterator(Iterator<T> input) {
        this.input = requireNonNull(input, "input");
    }

    /** The output for {@code row}, or null when it produces none. */
    protected abstract T process(T row);

    @Override
    public final boolean hasNext() {
        while (next == null && input.hasNext()) {
            next = process(input.next());
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T row = next;
        next = null;
        return row;
    }
}
