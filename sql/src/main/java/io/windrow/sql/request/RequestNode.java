package io.windrow.sql.request;

/**
 * A plan node on the request's path (the main table's scan and what is computed from it), evaluated
 * for one request row. The row it returns holds the node's output fields in order, as Java values.
 */
sealed interface RequestNode permits RequestScan, RequestProject, RequestWindow, RequestLastJoin {
    Object[] evaluate(Object[] request);
}
