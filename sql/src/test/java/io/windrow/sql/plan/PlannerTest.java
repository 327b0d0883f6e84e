package io.windrow.sql.plan;

import io.windrow.testing.TestSpark;
import io.windrow.sql.FeatureEngine;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableDefinition;
import io.windrow.sql.parser.Parser;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the planner groups windows: each window group costs one shuffle and sort of its rows. */
class PlannerTest {
    @Test
    void sameExpressionWrittenTwiceIsEqualWhereverWritten() {
        StructType schema = new StructType().add("a", DataTypes.IntegerType);
        Project project = (Project) new Planner(Map.of("t", schema), FeatureEngine.standardFunctions())
                .plan(Parser.parseQuery("SELECT a + 1 AS x,\n   t.a   +   1 AS y FROM t"));
        assertThat(project.expressions().get(0)).isEqualTo(project.expressions().get(1))
                .hasSameHashCodeAs(project.expressions().get(1));
        assertThat(project.expressions().get(0).sql()).isEqualTo("(a + 1)");
    }

    @Test
    void seedWindowsSharingKeyOrderAndUnionFormOneGroupEach() throws Exception {
        Path jd = TestSpark.shared().resolve("jd-sample");
        Map<String, StructType> schemas = new LinkedHashMap<>();
        for (TableDefinition table : DdlParser.parse(Files.readString(jd.resolve("create_tables.sql"))).values()) {
            schemas.put(table.name(), table.schema());
        }
        PlanNode plan = new Planner(schemas, FeatureEngine.standardFunctions())
                .plan(Parser.parseQuery(Files.readString(jd.resolve("features.sql"))));
        List<WindowGroup> groups = new ArrayList<>();
        collect(plan, groups);
        // user_id (2 windows, no union), sku_id (2 windows over bo_comment), pair_id (3 windows over
        // bo_action): written as separate UNION subqueries, planned as one group per key.
        assertThat(groups).extracting(g -> g.frames().size()).containsExactlyInAnyOrder(2, 2, 3);
    }

    private static void collect(PlanNode node, List<WindowGroup> groups) {
        if (node instanceof WindowGroup group) {
            groups.add(group);
            collect(group.child(), groups);
            group.unions().forEach(u -> collect(u, groups));
        } else if (node instanceof LastJoin join) {
            collect(join.left(), groups);
            collect(join.right(), groups);
        } else if (node instanceof Project project) {
            collect(project.child(), groups);
        } else if (node instanceof Filter filter) {
            collect(filter.child(), groups);
        } else if (node instanceof Limit limit) {
            collect(limit.child(), groups);
        }
    }
}
