package io.windrow.sql.parser;

import io.windrow.sql.ast.Bound;
import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Over;
import io.windrow.sql.ast.Position;
import io.windrow.sql.ast.Relation;
import io.windrow.sql.ast.Script;
import io.windrow.sql.ast.Select;
import io.windrow.sql.ast.WindowSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser of the OpenMLDB feature dialect. Errors are
 * {@link IllegalArgumentException}s reading {@code line L:C: what near 'text'}.
 */
public final class Parser extends TokenReader {
    /** Function names that are casts: {@code int(x)} is {@code CAST(x AS int)}. */
    public static final Set<String> CAST_FUNCTIONS = Set.of("bool", "smallint", "int16", "int", "int32", "integer",
            "bigint", "int64", "float", "double", "string", "varchar", "timestamp", "date");

    private static final Set<String> RESERVED = Set.of("select", "from", "where", "window", "limit", "last", "join",
            "on", "order", "partition", "by", "union", "as", "and", "or", "not", "left", "right", "inner", "group",
            "having", "into", "rows", "rows_range", "between", "case", "when", "then", "else", "end", "options",
            "config", "full", "cross", "xor", "in", "like", "ilike", "rlike", "is", "with");

    private final QueryParameters parameters;
    private int nextParameter;
    /** The WITH queries in scope, by lower-case name: a table name among them reads that query. */
    private Map<String, Select> withQueries = Map.of();

    private Parser(String text) {
        this(text, QueryParameters.NONE);
    }

    private Parser(String text, QueryParameters parameters) {
        super(text);
        this.parameters = java.util.Objects.requireNonNull(parameters, "parameters");
    }

    /** Parses one SELECT statement (a trailing semicolon is allowed). */
    public static Select parseQuery(String sql) {
        return parseQuery(sql, QueryParameters.NONE);
    }

    /**
     * Parses one SELECT statement whose {@code ?} placeholders take {@code parameters}' values in
     * order; it must use each parameter exactly once.
     */
    public static Select parseQuery(String sql, QueryParameters parameters) {
        Parser parser = new Parser(sql, parameters);
        Select select = parser.select();
        parser.acceptSymbol(";");
        parser.expectEnd();
        parser.requireAllParametersUsed();
        return select;
    }

    private void requireAllParametersUsed() {
        if (nextParameter != parameters.size()) {
            throw new IllegalArgumentException("the query has " + nextParameter + " ? placeholder(s) but "
                    + parameters.size() + " parameter(s) are given");
        }
    }

    /** Parses one expression (used by tests and by callers that compose queries). */
    public static Expr parseExpression(String text) {
        Parser parser = new Parser(text);
        Expr expr = parser.expression();
        parser.expectEnd();
        return expr;
    }

    /**
     * Parses an OpenMLDB script: optional {@code USE db;} and {@code SET ...;} statements and exactly
     * one SELECT, optionally ending in {@code INTO OUTFILE 'path' [OPTIONS (k = v, ...)]}.
     */
    public static Script parseScript(String text) {
        return parseScript(text, QueryParameters.NONE);
    }

    /** {@link #parseScript(String)} whose SELECT's {@code ?} placeholders take {@code parameters}' values. */
    public static Script parseScript(String text, QueryParameters parameters) {
        Parser parser = new Parser(text, parameters);
        String database = null;
        Select query = null;
        String outfile = null;
        Map<String, String> options = new LinkedHashMap<>();
        while (parser.peek().type() != Token.Type.EOF) {
            if (parser.acceptSymbol(";")) {
                continue;
            }
            Token head = parser.peek();
            if (head.isKeyword("use")) {
                parser.next();
                database = parser.identifier("database name");
            } else if (head.isKeyword("set")) {
                parser.next();
                parser.acceptSymbol("@@");
                parser.identifier("variable name");
                while (parser.acceptSymbol(".")) {
                    parser.identifier("variable name");
                }
                parser.expectSymbol("=");
                parser.next();
            } else if (head.isKeyword("select") || head.isKeyword("with")) {
                if (query != null) {
                    throw parser.error(head, "only one SELECT per script is supported");
                }
                query = parser.select();
                if (parser.acceptKeyword("into")) {
                    parser.expectKeyword("outfile");
                    outfile = parser.string("output path");
                    if (parser.acceptKeyword("options")) {
                        parser.expectSymbol("(");
                        do {
                            String key = parser.identifier("option name");
                            parser.expectSymbol("=");
                            Token value = parser.next();
                            options.put(key.toLowerCase(Locale.ROOT), value.text());
                        } while (parser.acceptSymbol(","));
                        parser.expectSymbol(")");
                    }
                }
            } else {
                throw parser.error(head, "expected USE, SET or SELECT");
            }
            if (parser.peek().type() != Token.Type.EOF) {
                parser.expectSymbol(";");
            }
        }
        if (query == null) {
            throw new IllegalArgumentException("the script holds no SELECT statement");
        }
        parser.requireAllParametersUsed();
        return new Script(query, database, outfile, options);
    }

    // ---- statements

    /**
     * {@code [WITH name AS (query), ...] SELECT ...}: a WITH query is read wherever its name is used
     * as a table (as a subquery under that name), in the rest of this statement.
     */
    private Select select() {
        if (!peek().isKeyword("with")) {
            return selectCore();
        }
        next();
        Map<String, Select> outer = withQueries;
        Map<String, Select> scope = new LinkedHashMap<>(outer);
        Set<String> defined = new java.util.HashSet<>();
        do {
            Token name = peek();
            String queryName = identifier("name of a WITH query");
            if (!defined.add(queryName.toLowerCase(Locale.ROOT))) {
                throw error(name, "WITH query " + queryName + " is defined twice");
            }
            expectKeyword("as");
            expectSymbol("(");
            withQueries = scope; // a WITH query may read the ones before it
            Select query = select();
            expectSymbol(")");
            scope.put(queryName.toLowerCase(Locale.ROOT), query);
        } while (acceptSymbol(","));
        withQueries = scope;
        try {
            return selectCore();
        } finally {
            withQueries = outer;
        }
    }

    private Select selectCore() {
        Token start = expectKeyword("select");
        List<Select.SelectItem> items = new ArrayList<>();
        do {
            if (!items.isEmpty() && peek().isKeyword("from")) {
                break; // OpenMLDB accepts a trailing comma before FROM
            }
            items.add(selectItem());
        } while (acceptSymbol(","));
        // SELECT without FROM computes its list once (OpenMLDB's const_query): from is null.
        Relation from = acceptKeyword("from") ? relation() : null;
        Expr where = null;
        List<Select.NamedWindow> windows = new ArrayList<>();
        List<Expr> groupBy = new ArrayList<>();
        Expr having = null;
        Long limit = null;
        while (true) {
            if (where == null && acceptKeyword("where")) {
                where = expression();
            } else if (groupBy.isEmpty() && peek().isKeyword("group") && peek(1).isKeyword("by")) {
                next();
                next();
                do {
                    groupBy.add(expression());
                } while (acceptSymbol(","));
            } else if (having == null && !groupBy.isEmpty() && acceptKeyword("having")) {
                having = expression();
            } else if (windows.isEmpty() && acceptKeyword("window")) {
                do {
                    Token name = peek();
                    String windowName = identifier("window name");
                    expectKeyword("as");
                    windows.add(new Select.NamedWindow(windowName, windowSpec(), name.position()));
                } while (acceptSymbol(","));
            } else if (limit == null && acceptKeyword("limit")) {
                Token number = next();
                if (number.type() != Token.Type.NUMBER) {
                    throw error(number, "expected a row count after LIMIT");
                }
                limit = parseLong(number);
            } else if (peek().isKeyword("group") || peek().isKeyword("having") || peek().isKeyword("order")) {
                throw error(peek(), "unsupported clause " + peek().text().toUpperCase(Locale.ROOT) + " in a feature query");
            } else {
                break;
            }
        }
        return new Select(items, from, windows, where, groupBy, having, limit, start.position());
    }

    private Select.SelectItem selectItem() {
        Token start = peek();
        Expr expr;
        if (start.isSymbol("*")) {
            next();
            expr = new Expr.Star(null, start.position());
        } else if (start.isIdentifier() && peek(1).isSymbol(".") && peek(2).isSymbol("*")) {
            next();
            next();
            next();
            expr = new Expr.Star(start.text(), start.position());
        } else if (start.isIdentifier() && peek(1).isSymbol(".") && peek(2).isIdentifier() && peek(3).isSymbol(".")
                && peek(4).isSymbol("*")) {
            next();
            next();
            Token table = next();
            next();
            next();
            expr = new Expr.Star(start.text() + "." + table.text(), start.position()); // db.table.*
        } else {
            expr = expression();
        }
        String alias = null;
        if (acceptKeyword("as")) {
            alias = identifier("column alias");
        } else if (peek().type() == Token.Type.QUOTED_IDENT || (peek().type() == Token.Type.IDENT && !isReserved(peek()))) {
            alias = next().text();
        }
        return new Select.SelectItem(expr, alias, start.position());
    }

    private Relation relation() {
        Relation left = relationPrimary();
        while (true) {
            Token token = peek();
            if (token.isKeyword("last")) {
                next();
                expectKeyword("join");
                Relation right = relationPrimary();
                Expr.ColumnRef orderBy = null;
                if (acceptKeyword("order")) {
                    expectKeyword("by");
                    orderBy = columnRef();
                    acceptKeyword("asc"); // the default: the largest ORDER BY value wins
                    if (peek().isKeyword("desc")) {
                        throw error(peek(), "LAST JOIN ORDER BY ... DESC (the smallest value wins) is not supported yet");
                    }
                }
                expectKeyword("on");
                Expr condition = expression();
                left = new Relation.LastJoin(left, right, condition, orderBy, token.position());
            } else if (token.isKeyword("left") && (peek(1).isKeyword("join")
                    || (peek(1).isKeyword("outer") && peek(2).isKeyword("join")))) {
                next();
                acceptKeyword("outer");
                expectKeyword("join");
                Relation right = relationPrimary();
                expectKeyword("on");
                left = new Relation.LeftJoin(left, right, expression(), token.position());
            } else if (token.isKeyword("join") || token.isKeyword("left") || token.isKeyword("inner")
                    || token.isKeyword("right") || token.isKeyword("full") || token.isKeyword("cross")) {
                throw error(token, "only LAST JOIN and LEFT JOIN are supported");
            } else if (token.isSymbol(",")) {
                throw error(token, "comma joins are not supported; use LAST JOIN");
            } else {
                return left;
            }
        }
    }

    private Relation relationPrimary() {
        Token start = peek();
        if (acceptSymbol("(")) {
            if (peek().isKeyword("select") || peek().isKeyword("with")) {
                Select query = select();
                expectSymbol(")");
                return new Relation.Subquery(query, alias(), start.position());
            }
            Relation inner = relation();
            expectSymbol(")");
            return inner;
        }
        String name = identifier("table name");
        if (acceptSymbol(".")) {
            name = name + "." + identifier("table name"); // db.table: the planner finds it by either name
        } else if (withQueries.containsKey(name.toLowerCase(Locale.ROOT))) {
            String alias = alias();
            return new Relation.Subquery(withQueries.get(name.toLowerCase(Locale.ROOT)), alias != null ? alias : name,
                    start.position());
        }
        return new Relation.Table(name, alias(), start.position());
    }

    private String alias() {
        if (acceptKeyword("as")) {
            return identifier("alias");
        }
        if (peek().type() == Token.Type.QUOTED_IDENT || (peek().type() == Token.Type.IDENT && !isReserved(peek()))) {
            return next().text();
        }
        return null;
    }

    private WindowSpec windowSpec() {
        Token open = expectSymbol("(");
        List<Relation> unions = new ArrayList<>();
        if (acceptKeyword("union")) {
            do {
                unions.add(relationPrimary());
            } while (acceptSymbol(","));
        }
        List<Expr.ColumnRef> partitionBy = new ArrayList<>();
        expectKeyword("partition");
        expectKeyword("by");
        do {
            partitionBy.add(columnRef());
        } while (acceptSymbol(","));
        // Without ORDER BY, OpenMLDB orders by the TS column of the table's index on the partition keys.
        Expr.ColumnRef orderBy = null;
        if (acceptKeyword("order")) {
            expectKeyword("by");
            orderBy = columnRef();
            if (acceptKeyword("desc")) {
                throw error(previous(), "window ORDER BY must be ascending");
            }
            acceptKeyword("asc");
            if (peek().isSymbol(",")) {
                throw error(peek(), "window ORDER BY takes a single column");
            }
        }
        WindowSpec.FrameType frameType = WindowSpec.FrameType.ROWS;
        Bound start = new Bound(Bound.Kind.UNBOUNDED_PRECEDING, 0, false, open.position());
        Bound end = new Bound(Bound.Kind.PRECEDING, 0, false, open.position());
        Token frameToken = peek();
        if (frameToken.isKeyword("rows") || frameToken.isKeyword("rows_range")) {
            next();
            frameType = frameToken.isKeyword("rows") ? WindowSpec.FrameType.ROWS : WindowSpec.FrameType.ROWS_RANGE;
            if (acceptKeyword("between")) {
                start = bound(frameType, false);
                expectKeyword("and");
                end = bound(frameType, true);
            } else {
                start = bound(frameType, false);
            }
        } else if (frameToken.isKeyword("range")) {
            throw error(frameToken, "RANGE frames are not supported; use ROWS_RANGE");
        } else {
            throw error(frameToken, "a window needs a ROWS or ROWS_RANGE frame");
        }
        Long maxSize = null;
        boolean excludeCurrentRow = false;
        boolean excludeCurrentTime = false;
        boolean instanceNotInWindow = false;
        while (!peek().isSymbol(")")) {
            Token token = next();
            if (token.isKeyword("maxsize")) {
                if (excludeCurrentRow || excludeCurrentTime || instanceNotInWindow) {
                    // OpenMLDB's grammar: bounds [MAXSIZE n] [EXCLUDE ...] [INSTANCE_NOT_IN_WINDOW]
                    throw error(token, "MAXSIZE must directly follow the frame bounds, before EXCLUDE and"
                            + " INSTANCE_NOT_IN_WINDOW");
                }
                Token number = next();
                if (number.type() != Token.Type.NUMBER) {
                    throw error(number, "expected a number after MAXSIZE");
                }
                maxSize = parseLong(number);
                if (frameType == WindowSpec.FrameType.ROWS) {
                    throw error(token, "MAXSIZE is only allowed on ROWS_RANGE windows");
                }
                if (maxSize <= 0) {
                    throw error(number, "MAXSIZE must be positive");
                }
            } else if (token.isKeyword("exclude")) {
                Token what = next();
                if (what.isKeyword("current_row")) {
                    excludeCurrentRow = true;
                } else if (what.isKeyword("current_time")) {
                    excludeCurrentTime = true;
                } else {
                    throw error(what, "expected CURRENT_ROW or CURRENT_TIME after EXCLUDE");
                }
            } else if (token.isKeyword("instance_not_in_window")) {
                instanceNotInWindow = true;
            } else {
                throw error(token, "unexpected text in window definition");
            }
        }
        Token close = expectSymbol(")");
        if (start.unbounded() ? false : end.unbounded()) {
            throw error(open, "the frame end cannot be UNBOUNDED PRECEDING");
        }
        if (orderBy == null && frameType == WindowSpec.FrameType.ROWS_RANGE && (isOffset(start) || isOffset(end))) {
            throw error(close, "a ROWS_RANGE frame with an offset PRECEDING requires exactly one ORDER BY column");
        }
        if (orderBy == null && excludeCurrentTime) {
            throw error(close, "a window with EXCLUDE CURRENT_TIME requires exactly one ORDER BY column");
        }
        return new WindowSpec(unions, partitionBy, orderBy, frameType, start, end, maxSize, excludeCurrentRow,
                excludeCurrentTime, instanceNotInWindow, open.position());
    }

    /** A bound other than UNBOUNDED PRECEDING and CURRENT ROW. */
    private static boolean isOffset(Bound bound) {
        return !bound.unbounded() && (bound.offset() != 0 || bound.open());
    }

    /**
     * One frame bound. OpenMLDB reads {@code -n PRECEDING} as n rows (or ms) after the current row;
     * offline a window never sees rows after its current row, so as a frame end it means CURRENT ROW
     * (OpenMLDB's cases "rows -1-2" and "-1-2" in its ROWS_RANGE suite). As a start it is an error.
     */
    private Bound bound(WindowSpec.FrameType frameType, boolean isEnd) {
        Token token = next();
        if (token.isKeyword("unbounded")) {
            Token direction = next();
            if (!direction.isKeyword("preceding")) {
                throw error(direction, "only UNBOUNDED PRECEDING is supported");
            }
            return new Bound(Bound.Kind.UNBOUNDED_PRECEDING, 0, false, token.position());
        }
        if (token.isKeyword("current")) {
            expectKeyword("row");
            return new Bound(Bound.Kind.PRECEDING, 0, false, token.position());
        }
        boolean negative = false;
        if (token.isSymbol("-")) {
            negative = true;
            token = next();
        }
        if (token.type() != Token.Type.NUMBER) {
            throw error(token, "expected a frame bound");
        }
        long offset = frameType == WindowSpec.FrameType.ROWS ? rowCount(token) : interval(token);
        if (negative && !isEnd) {
            throw error(token, "a frame start cannot be negative");
        }
        boolean open = acceptKeyword("open");
        Token direction = next();
        if (direction.isKeyword("following")) {
            throw error(direction, "FOLLOWING frames are not supported");
        }
        if (!direction.isKeyword("preceding")) {
            throw error(direction, "expected PRECEDING");
        }
        if (negative) {
            return new Bound(Bound.Kind.PRECEDING, 0, false, token.position());
        }
        return new Bound(Bound.Kind.PRECEDING, offset, open, token.position());
    }

    private long rowCount(Token token) {
        if (!token.text().chars().allMatch(Character::isDigit)) {
            throw error(token, "a ROWS frame offset is a row count");
        }
        return parseLong(token);
    }

    /** A ROWS_RANGE offset in milliseconds: units s, m, h, d; a bare number is ms. */
    private long interval(Token token) {
        String text = token.text().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < text.length() && Character.isDigit(text.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw error(token, "expected an interval");
        }
        long amount;
        try {
            amount = Long.parseLong(text.substring(0, split));
        } catch (NumberFormatException e) {
            throw error(token, "interval out of range");
        }
        long unit = switch (text.substring(split)) {
            case "", "ms" -> 1L;
            case "s" -> 1000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> throw error(token, "unknown interval unit (use s, m, h, d or a bare number of ms)");
        };
        return Math.multiplyExact(amount, unit);
    }

    // ---- expressions

    private Expr expression() {
        return or();
    }

    // Precedence, lowest first, as OpenMLDB's grammar (docs/openmldb_sql/functions_and_operators/operators.md):
    // OR, AND, XOR, NOT, comparisons and predicates, |, ^, &, + -, * / DIV % MOD, unary + - ~ !.
    private Expr or() {
        Expr left = and();
        while (true) {
            rejectDoubledSymbol();
            if (!peek().isKeyword("or")) {
                return left;
            }
            Token op = next();
            left = new Expr.Binary("OR", left, and(), op.position());
        }
    }

    private Expr and() {
        Expr left = xor();
        while (true) {
            rejectDoubledSymbol();
            if (!peek().isKeyword("and")) {
                return left;
            }
            Token op = next();
            left = new Expr.Binary("AND", left, xor(), op.position());
        }
    }

    private Expr xor() {
        Expr left = not();
        while (peek().isKeyword("xor")) {
            Token op = next();
            left = new Expr.Binary("XOR", left, not(), op.position());
        }
        return left;
    }

    /** {@code &&} and {@code ||} are not OpenMLDB operators (its logic is AND/OR; & and | are bitwise). */
    private void rejectDoubledSymbol() {
        Token token = peek();
        if (token.isSymbol("&&") || token.isSymbol("||")) {
            throw error(token, token.text() + " is not an operator of the dialect; use "
                    + (token.isSymbol("&&") ? "AND" : "OR") + " for logic, "
                    + (token.isSymbol("&&") ? "&" : "|") + " for bits, or concat() for strings");
        }
    }

    private Expr not() {
        Token token = peek();
        if (token.isKeyword("not")) {
            next();
            return new Expr.Unary("NOT", not(), token.position());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = bitOr();
        while (true) {
            Token token = peek();
            if (token.type() == Token.Type.SYMBOL && Set.of("=", "==", "!=", "<>", "<", "<=", ">", ">=").contains(token.text())) {
                next();
                String op = switch (token.text()) {
                    case "==" -> "=";
                    case "<>" -> "!=";
                    default -> token.text();
                };
                left = new Expr.Binary(op, left, bitOr(), token.position());
                continue;
            }
            if (token.isKeyword("is")) {
                next();
                boolean negated = acceptKeyword("not");
                expectKeyword("null");
                left = new Expr.IsNull(left, negated, token.position());
                continue;
            }
            boolean negated = false;
            if (token.isKeyword("not") && (peek(1).isKeyword("in") || peek(1).isKeyword("between")
                    || peek(1).isKeyword("like") || peek(1).isKeyword("ilike") || peek(1).isKeyword("rlike"))) {
                next();
                negated = true;
                token = peek();
            }
            if (token.isKeyword("rlike")) {
                // value RLIKE pattern is regexp_like(value, pattern), as in OpenMLDB's planner
                next();
                Expr call = new Expr.Call("regexp_like", List.of(left, bitOr()), null, token.position());
                left = negated ? new Expr.Unary("NOT", call, token.position()) : call;
            } else if (token.isKeyword("in")) {
                next();
                expectSymbol("(");
                List<Expr> list = new ArrayList<>();
                do {
                    list.add(expression());
                } while (acceptSymbol(","));
                expectSymbol(")");
                left = new Expr.In(left, list, negated, token.position());
            } else if (token.isKeyword("between")) {
                next();
                Expr low = bitOr();
                expectKeyword("and");
                Expr high = bitOr();
                left = new Expr.Between(left, low, high, negated, token.position());
            } else if (token.isKeyword("like") || token.isKeyword("ilike")) {
                next();
                Expr pattern = bitOr();
                Expr escape = acceptKeyword("escape") ? primary() : null;
                left = new Expr.Like(left, pattern, escape, negated, token.isKeyword("ilike"), token.position());
            } else if (negated) {
                throw error(token, "expected IN, BETWEEN, LIKE, ILIKE or RLIKE after NOT");
            } else {
                return left;
            }
        }
    }

    private Expr bitOr() {
        Expr left = bitXor();
        while (peek().isSymbol("|")) {
            Token op = next();
            left = new Expr.Binary("|", left, bitXor(), op.position());
        }
        return left;
    }

    private Expr bitXor() {
        Expr left = bitAnd();
        while (peek().isSymbol("^")) {
            Token op = next();
            left = new Expr.Binary("^", left, bitAnd(), op.position());
        }
        return left;
    }

    private Expr bitAnd() {
        Expr left = additive();
        while (peek().isSymbol("&")) {
            Token op = next();
            left = new Expr.Binary("&", left, additive(), op.position());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, multiplicative(), op.position());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%") || peek().isKeyword("div")
                || peek().isKeyword("mod")) {
            Token op = next();
            String symbol = op.isKeyword("div") ? "DIV" : op.isKeyword("mod") ? "%" : op.text();
            left = new Expr.Binary(symbol, left, unary(), op.position());
        }
        return left;
    }

    private Expr unary() {
        Token token = peek();
        if (token.isSymbol("-")) {
            next();
            Expr operand = unary();
            if (operand instanceof Expr.Literal literal && literal.value() instanceof Number number) {
                return new Expr.Literal(negate(number), token.position());
            }
            return new Expr.Unary("-", operand, token.position());
        }
        if (token.isSymbol("+")) {
            next();
            return unary();
        }
        if (token.isSymbol("!")) {
            next();
            return new Expr.Unary("NOT", unary(), token.position());
        }
        if (token.isSymbol("~")) {
            next();
            return new Expr.Unary("~", unary(), token.position());
        }
        return primary();
    }

    private static Object negate(Number number) {
        if (number instanceof Integer i) {
            return -i;
        }
        if (number instanceof Long l) {
            return -l;
        }
        if (number instanceof Float f) {
            return -f;
        }
        return -number.doubleValue();
    }

    private Expr primary() {
        Token token = next();
        switch (token.type()) {
            case NUMBER:
                return new Expr.Literal(numberLiteral(token), token.position());
            case STRING:
                return new Expr.Literal(token.text(), token.position());
            case SYMBOL:
                if (token.isSymbol("(")) {
                    Expr inner = expression();
                    expectSymbol(")");
                    return inner;
                }
                if (token.isSymbol("?")) {
                    if (nextParameter >= parameters.size()) {
                        throw error(token, "the query has more ? placeholders than the " + parameters.size()
                                + " parameters given");
                    }
                    return parameters.constant(nextParameter++, token.position());
                }
                throw error(token, "expected an expression");
            case EOF:
                throw error(token, "unexpected end of the query");
            default:
                break;
        }
        if (token.type() == Token.Type.IDENT) {
            if (token.isKeyword("null")) {
                return new Expr.Literal(null, token.position());
            }
            if (token.isKeyword("true") || token.isKeyword("false")) {
                return new Expr.Literal(token.isKeyword("true"), token.position());
            }
            if (token.isKeyword("case")) {
                return caseExpr(token);
            }
            if (token.isKeyword("cast") && peek().isSymbol("(")) {
                next();
                Expr value = expression();
                expectKeyword("as");
                Token type = next();
                if (type.type() != Token.Type.IDENT) {
                    throw error(type, "expected a type name");
                }
                if (type.isKeyword("varchar") && acceptSymbol("(")) {
                    // VARCHAR(n): OpenMLDB's strings have no length limit; n is read and ignored, as there
                    Token length = next();
                    if (length.type() != Token.Type.NUMBER) {
                        throw error(length, "expected the length of VARCHAR");
                    }
                    expectSymbol(")");
                }
                expectSymbol(")");
                return new Expr.Cast(value, type.text().toLowerCase(Locale.ROOT), token.position());
            }
            if (isReserved(token) && !peek().isSymbol("(")) {
                throw error(token, "expected an expression");
            }
        }
        if (peek().isSymbol("(")) {
            return call(token);
        }
        if (acceptSymbol(".")) {
            return qualifiedColumn(token);
        }
        return new Expr.ColumnRef(null, token.text(), token.position());
    }

    /**
     * The rest of {@code table.column} or {@code db.table.column} after the first identifier and dot;
     * the qualifier of the latter is {@code db.table}.
     */
    private Expr.ColumnRef qualifiedColumn(Token first) {
        Token second = next();
        if (!second.isIdentifier()) {
            throw error(second, "expected a column name");
        }
        if (acceptSymbol(".")) {
            Token column = next();
            if (!column.isIdentifier()) {
                throw error(column, "expected a column name");
            }
            return new Expr.ColumnRef(first.text() + "." + second.text(), column.text(), first.position());
        }
        return new Expr.ColumnRef(first.text(), second.text(), first.position());
    }

    private Expr call(Token nameToken) {
        expectSymbol("(");
        String name = nameToken.text().toLowerCase(Locale.ROOT);
        List<Expr> args = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            if (peek().isSymbol("*") && (peek(1).isSymbol(")") || peek(1).isSymbol(","))) {
                // count(*), and count_where(*, cond): the row itself, counted whatever its values.
                Token star = next();
                args.add(new Expr.Star(null, star.position()));
                while (acceptSymbol(",")) {
                    args.add(expression());
                }
            } else {
                if (peek().isKeyword("distinct")) {
                    throw error(peek(), "DISTINCT inside a call is not supported; use distinct_count");
                }
                do {
                    args.add(expression());
                } while (acceptSymbol(","));
            }
        }
        expectSymbol(")");
        Over over = null;
        if (peek().isKeyword("over")) {
            Token overToken = next();
            if (peek().isSymbol("(")) {
                over = new Over(null, windowSpec(), overToken.position());
            } else {
                over = new Over(identifier("window name"), null, overToken.position());
            }
        }
        if (over == null && CAST_FUNCTIONS.contains(name) && args.size() == 1) {
            return new Expr.Cast(args.get(0), name, nameToken.position());
        }
        if (over == null && name.equals("isnull") && args.size() == 1) {
            return new Expr.IsNull(args.get(0), false, nameToken.position());
        }
        return new Expr.Call(name, args, over, nameToken.position());
    }

    private Expr caseExpr(Token start) {
        Expr operand = null;
        if (!peek().isKeyword("when")) {
            operand = expression();
        }
        List<Expr.When> whens = new ArrayList<>();
        while (acceptKeyword("when")) {
            Expr condition = expression();
            expectKeyword("then");
            whens.add(new Expr.When(condition, expression()));
        }
        if (whens.isEmpty()) {
            throw error(peek(), "expected WHEN");
        }
        Expr otherwise = null;
        if (acceptKeyword("else")) {
            otherwise = expression();
        }
        expectKeyword("end");
        return new Expr.Case(operand, whens, otherwise, start.position());
    }

    private Object numberLiteral(Token token) {
        String text = token.text();
        String lower = text.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith("l")) {
                return Long.parseLong(text.substring(0, text.length() - 1));
            }
            if (lower.endsWith("f")) {
                return Float.parseFloat(text.substring(0, text.length() - 1));
            }
            if (lower.chars().anyMatch(Character::isLetter) && !lower.matches("[0-9.]+e[-+]?[0-9]+")) {
                throw error(token, "invalid number");
            }
            if (lower.contains(".") || lower.contains("e")) {
                return Double.parseDouble(text);
            }
            long value = Long.parseLong(text);
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
        } catch (NumberFormatException e) {
            throw error(token, "invalid number");
        }
    }

    // ---- token helpers

    private Expr.ColumnRef columnRef() {
        Token first = next();
        if (!first.isIdentifier()) {
            throw error(first, "expected a column name");
        }
        if (acceptSymbol(".")) {
            return qualifiedColumn(first);
        }
        return new Expr.ColumnRef(null, first.text(), first.position());
    }

    private String identifier(String what) {
        Token token = next();
        if (!token.isIdentifier()) {
            throw error(token, "expected " + what);
        }
        return token.text();
    }

    private String string(String what) {
        Token token = next();
        if (token.type() != Token.Type.STRING) {
            throw error(token, "expected " + what + " as a quoted string");
        }
        return token.text();
    }

    private static boolean isReserved(Token token) {
        return token.type() == Token.Type.IDENT && RESERVED.contains(token.text().toLowerCase(Locale.ROOT));
    }

    private long parseLong(Token token) {
        try {
            return Long.parseLong(token.text());
        } catch (NumberFormatException e) {
            throw error(token, "expected an integer");
        }
    }

    private void expectEnd() {
        if (peek().type() != Token.Type.EOF) {
            throw error(peek(), "unexpected text after the end of the statement");
        }
    }
}
