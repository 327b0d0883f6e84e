package io.windrow.sql.ddl;

import io.windrow.sql.parser.Token;
import io.windrow.sql.parser.TokenReader;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code CREATE TABLE} statements of the OpenMLDB dialect into Spark schemas. Column
 * options ({@code NOT NULL}, {@code DEFAULT}) and trailing {@code OPTIONS(...)} are accepted and
 * ignored: they concern OpenMLDB's storage. Of an {@code INDEX(...)} the KEY and TS columns are kept
 * ({@link TableIndex}): a window without ORDER BY is ordered by them. Other statements
 * ({@code CREATE DATABASE}, {@code USE}) are skipped.
 */
public final class DdlParser extends TokenReader {
    private DdlParser(String text) {
        super(text);
    }

    /** The tables of a DDL script by name, in declaration order. */
    public static Map<String, TableDefinition> parse(String text) {
        return new DdlParser(text).run();
    }

    private Map<String, TableDefinition> run() {
        Map<String, TableDefinition> tables = new LinkedHashMap<>();
        while (peek().type() != Token.Type.EOF) {
            if (peek().isSymbol(";")) {
                next();
                continue;
            }
            if (peek().isKeyword("create") && peek(1).isKeyword("table")) {
                TableDefinition table = createTable();
                if (tables.put(table.name(), table) != null) {
                    throw new IllegalArgumentException("table " + table.name() + " is declared twice");
                }
            } else {
                skipStatement();
            }
        }
        return tables;
    }

    private TableDefinition createTable() {
        next();
        next();
        if (peek().isKeyword("if")) {
            next();
            expectKeyword("not");
            expectKeyword("exists");
        }
        String name = identifier("table name");
        if (peek().isSymbol(".")) {
            next();
            name = identifier("table name");
        }
        expectSymbol("(");
        List<StructField> fields = new ArrayList<>();
        List<TableIndex> indexes = new ArrayList<>();
        while (true) {
            if (peek().isKeyword("index")) {
                next();
                index().ifPresent(indexes::add);
            } else {
                Token column = peek();
                String columnName = identifier("column name");
                Token typeToken = next();
                DataType type = SqlTypes.sparkType(typeToken.text())
                        .orElseThrow(() -> error(typeToken, "unknown type for column " + columnName));
                boolean nullable = true;
                while (!peek().isSymbol(",") && !peek().isSymbol(")")) {
                    Token option = next();
                    if (option.isKeyword("not") && peek().isKeyword("null")) {
                        next();
                        nullable = false;
                    } else if (option.type() == Token.Type.EOF) {
                        throw error(option, "unterminated CREATE TABLE");
                    }
                }
                for (StructField field : fields) {
                    if (field.name().equalsIgnoreCase(columnName)) {
                        throw error(column, "duplicate column " + columnName + " in table " + name);
                    }
                }
                fields.add(new StructField(columnName, type, nullable, Metadata.empty()));
            }
            if (peek().isSymbol(",")) {
                next();
                continue;
            }
            expectSymbol(")");
            break;
        }
        skipStatement();
        StructType schema = new StructType(fields.toArray(new StructField[0]));
        try {
            schema = TableIndex.attach(schema, indexes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("table " + name + ": " + e.getMessage(), e);
        }
        return new TableDefinition(name, schema);
    }

    /** {@code (KEY=k | KEY=(k1, k2), TS=t, TTL=..., ...)}: the index if it names a TS column. */
    private Optional<TableIndex> index() {
        expectSymbol("(");
        List<String> keys = new ArrayList<>();
        String ts = null;
        while (true) {
            Token option = next();
            if (option.type() == Token.Type.EOF) {
                throw error(option, "unterminated INDEX");
            }
            if (option.isSymbol(")")) {
                break;
            }
            if (option.isSymbol(",")) {
                continue;
            }
            String optionName = option.text().toLowerCase(Locale.ROOT);
            expectSymbol("=");
            if (optionName.equals("key")) {
                if (peek().isSymbol("(")) {
                    next();
                    do {
                        keys.add(identifier("index key column"));
                    } while (acceptSymbol(","));
                    expectSymbol(")");
                } else {
                    keys.add(identifier("index key column"));
                }
            } else if (optionName.equals("ts")) {
                ts = identifier("index TS column");
            } else if (peek().isSymbol("(")) {
                skipParenthesized();
            } else {
                next();
            }
        }
        return ts == null || keys.isEmpty() ? Optional.empty()
                : Optional.of(new TableIndex(keys, ts));
    }

    private void skipParenthesized() {
        expectSymbol("(");
        int depth = 1;
        while (depth > 0) {
            Token token = next();
            if (token.type() == Token.Type.EOF) {
                throw error(token, "unbalanced parentheses");
            }
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            }
        }
    }

    private void skipStatement() {
        while (peek().type() != Token.Type.EOF && !peek().isSymbol(";")) {
            next();
        }
    }

    private String identifier(String what) {
        Token token = next();
        if (!token.isIdentifier()) {
            throw error(token, "expected " + what);
        }
        return token.text();
    }
}
