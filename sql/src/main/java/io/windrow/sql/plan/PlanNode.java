package io.windrow.sql.plan;

import java.util.List;

/**
 * A node of the logical plan. Names are resolved (expressions hold
 * {@link io.windrow.sql.ast.Expr.BoundColumn}s naming internal columns); types are Spark's, known
 * when the executor builds the node's Dataset. Every node's Dataset also carries the row's input
 * position, which orders the final output.
 */
public sealed interface PlanNode permits Scan, Project, Filter, Limit, WindowGroup, LastJoin, LeftJoin,
        TableAggregate, GroupAggregate {
    List<Field> output();
}
