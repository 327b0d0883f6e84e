package io.windrow.sql.request;

/** The main table's scan: the request row itself (already checked against the DDL). */
record RequestScan() implements RequestNode {
    @Override
    public Object[] evaluate(Object[] request) {
        return request;
    }
}
