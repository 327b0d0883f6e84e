package io.windrow.sql.analyzer;

/** The binary logical operators, with SQL's three-valued logic. */
public enum LogicalOp {
    AND, OR, XOR
}
