package io.windrow.udf;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.windrow.udf.WindowRunner.columns;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * nth_value_where against test_udaf_function.yaml case 64 (ids 4-8 of one partition, all inside the
 * 5s frame); agg1, agg3 and agg6 put a window call inside the condition, which is the planner's
 * concern, not the state's.
 */
class NthValueWhereTest {
    private static final int WHOLE_PARTITION = 100;

    private static List<Object> run(Object[] values, int idx, Object[] conditions) {
        Object[] idxs = new Object[values.length];
        Arrays.fill(idxs, idx);
        return WindowRunner.rows("nth_value_where", List.of(values[0] instanceof Float || values[1] instanceof Float
                        ? FloatType : IntegerType, IntegerType, BooleanType), List.of(), WHOLE_PARTITION,
                columns(values, idxs, conditions));
    }

    @Test
    void udafCase64() {
        Object[] ids = {4, 5, 6, 7, 8};
        Object[] f1 = {4.4f, 9.0f, 7.0f, null, null};
        Object[] f1Above5 = {false, true, true, null, null};
        // agg_null: nth_value_where(id, 0, true)
        assertThat(run(ids, 0, new Object[] {true, true, true, true, true})).containsExactly(null, null, null, null, null);
        // agg2: nth_value_where(f1, -2, case when f1 > 5.0 then true else null end)
        assertThat(run(f1, -2, new Object[] {null, true, true, null, null})).containsExactly(null, null, 9.0f, 9.0f, 9.0f);
        // agg4: nth_value_where(l1 + 1, 1, l1 < 4), l1 = NULL, NULL, 1, 3, NULL
        assertThat(run(new Object[] {null, null, 2, 4, null}, 1, new Object[] {null, null, true, true, null}))
                .containsExactly(null, null, 2, 2, 2);
        // agg5: nth_value_where(f1, 2, f1 > 5.0)
        assertThat(run(f1, 2, f1Above5)).containsExactly(null, null, 7.0f, 7.0f, 7.0f);
    }

    @Test
    void countsFromTheNewestForNegativeIndexAndFollowsTheSlidingFrame() {
        Object[] values = {1, 2, 3, 4};
        Object[] idxs = {-1, -1, -1, -1};
        Object[] all = {true, true, false, true};
        assertThat(WindowRunner.rows("nth_value_where", List.of(IntegerType, IntegerType, BooleanType), List.of(), 1,
                columns(values, idxs, all))).containsExactly(1, 2, 2, 4);
        Object[] first = {1, 1, 1, 1};
        assertThat(WindowRunner.rows("nth_value_where", List.of(IntegerType, IntegerType, BooleanType), List.of(), 1,
                columns(values, first, all))).containsExactly(1, 1, 2, 4);
    }

    @Test
    void rejectsAnIndexThatChangesOrIsNotAnInteger() {
        WindowFunction f = FunctionRegistry.standard().lookup("nth_value_where").orElseThrow();
        WindowState state = f.newState(List.of(IntegerType, IntegerType, BooleanType), List.of());
        state.add(new Object[] {1, 1, true});
        assertThatThrownBy(() -> state.add(new Object[] {1, 2, true}))
                .hasMessageContaining("nth_value_where: idx must be a constant");
        assertThatThrownBy(() -> f.resultType(List.of(IntegerType, FloatType, BooleanType)))
                .hasMessageContaining("nth_value_where");
    }
}
