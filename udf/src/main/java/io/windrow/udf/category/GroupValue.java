package io.windrow.udf.category;

import io.windrow.udf.support.SortedMultiset;
import io.windrow.udf.support.SumAccumulator;
import io.windrow.udf.support.ValueFormat;
import org.apache.spark.sql.types.DataType;

/**
 * The aggregate of one category inside a {@code *_cate} state: what {@link CategoryAggregate.Kind}
 * computes for the rows of that key, removable like every window state. {@link #rows()} counts the
 * rows that reached the group (non-NULL key and value; for ratio also those whose condition is false).
 */
abstract class GroupValue {
    private long rows;

    final void add(Object value, boolean selected) {
        rows++;
        include(value, selected);
    }

    final void remove(Object value, boolean selected) {
        rows--;
        exclude(value, selected);
    }

    final long rows() {
        return rows;
    }

    abstract void include(Object value, boolean selected);

    abstract void exclude(Object value, boolean selected);

    /** The value that ranks groups in {@code top_n_value_*} (a Number). */
    abstract Object rankValue();

    /** The text after {@code key:}. */
    abstract String text();

    static GroupValue create(CategoryAggregate.Kind kind, DataType valueType) {
        return switch (kind) {
            case COUNT -> new Count();
            case SUM -> new Sum(valueType);
            case AVG -> new Avg(valueType);
            case MIN -> new Extreme(false);
            case MAX -> new Extreme(true);
            case RATIO -> new Ratio();
        };
    }

    static final class Count extends GroupValue {
        @Override
        void include(Object value, boolean selected) {}

        @Override
        void exclude(Object value, boolean selected) {}

        @Override
        Object rankValue() {
            return rows();
        }

        @Override
        String text() {
            return Long.toString(rows());
        }
    }

    static final class Sum extends GroupValue {
        final SumAccumulator sum;

        Sum(DataType type) {
            this.sum = new SumAccumulator(type);
        }

        @Override
        void include(Object value, boolean selected) {
            sum.add(value);
        }

        @Override
        void exclude(Object value, boolean selected) {
            sum.remove(value);
        }

        @Override
        Object rankValue() {
            return sum.sum();
        }

        @Override
        String text() {
            return ValueFormat.format(sum.sum());
        }
    }

    static final class Avg extends GroupValue {
        final SumAccumulator sum;

        Avg(DataType type) {
            this.sum = new SumAccumulator(type);
        }

        @Override
        void include(Object value, boolean selected) {
            sum.add(value);
        }

        @Override
        void exclude(Object value, boolean selected) {
            sum.remove(value);
        }

        @Override
        Object rankValue() {
            return sum.average();
        }

        @Override
        String text() {
            return ValueFormat.formatDouble(sum.average());
        }
    }

    static final class Extreme extends GroupValue {
        final SortedMultiset values = new SortedMultiset();
        final boolean maximum;

        Extreme(boolean maximum) {
            this.maximum = maximum;
        }

        @Override
        void include(Object value, boolean selected) {
            values.add(value);
        }

        @Override
        void exclude(Object value, boolean selected) {
            values.remove(value);
        }

        @Override
        Object rankValue() {
            return maximum ? values.last() : values.first();
        }

        @Override
        String text() {
            return ValueFormat.format(rankValue());
        }
    }

    /** cond-true rows / all rows of the group ({@code top_n_*_ratio_cate}). */
    static final class Ratio extends GroupValue {
        long selectedRows;

        @Override
        void include(Object value, boolean selected) {
            if (selected) {
                selectedRows++;
            }
        }

        @Override
        void exclude(Object value, boolean selected) {
            if (selected) {
                selectedRows--;
            }
        }

        @Override
        Object rankValue() {
            return (double) selectedRows / rows();
        }

        @Override
        String text() {
            return ValueFormat.formatDouble((double) selectedRows / rows());
        }
    }
}
