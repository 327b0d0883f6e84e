package io.windrow.sql.parser;

import io.windrow.sql.ast.Bound;
import io.windrow.sql.ast.Expr;
import io.windrow.sql.ast.Relation;
import io.windrow.sql.ast.Script;
import io.windrow.sql.ast.Select;
import io.windrow.sql.ast.WindowSpec;
import io.windrow.sql.ddl.DdlParser;
import io.windrow.sql.ddl.TableIndex;
import io.windrow.sql.ddl.TableDefinition;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dialect parser: the seed's SQL, frames and attributes, expressions, scripts, DDL, and error positions. */
class ParserTest {
    @Test
    void parsesTheSeedSql() throws Exception {
        String sql = Files.readString(Path.of(System.getProperty("windrow.shared", "../../shared"), "jd-sample", "features.sql"));
        Select select = Parser.parseQuery(sql);
        assertThat(select.items()).hasSize(1);
        Relation.LastJoin top = (Relation.LastJoin) select.from();
        assertThat(((Relation.Subquery) top.right()).alias()).isEqualTo("out3");
        Select out3 = ((Relation.Subquery) top.right()).query();
        assertThat(out3.windows()).hasSize(3);
        WindowSpec w = out3.windows().get(0).spec();
        assertThat(w.unions()).hasSize(1);
        assertThat(w.frameType()).isEqualTo(WindowSpec.FrameType.ROWS_RANGE);
        assertThat(w.start().offset()).isEqualTo(10 * 3_600_000L);
        assertThat(w.end().offset()).isZero();
        assertThat(w.maxSize()).isEqualTo(100);
        assertThat(w.instanceNotInWindow()).isTrue();
    }

    @Test
    void framesUnitsAndAttributes() {
        Select select = Parser.parseQuery("select sum(x) over (partition by a, b order by ts rows_range between "
                + "2d open preceding and 5m preceding maxsize 3 exclude current_time exclude current_row) from t");
        WindowSpec spec = ((Expr.Call) select.items().get(0).expr()).over().spec();
        assertThat(spec.partitionBy()).hasSize(2);
        assertThat(spec.start().offset()).isEqualTo(2 * 86_400_000L);
        assertThat(spec.start().open()).isTrue();
        assertThat(spec.end().offset()).isEqualTo(300_000L);
        assertThat(spec.excludeCurrentTime()).isTrue();
        assertThat(spec.excludeCurrentRow()).isTrue();
        WindowSpec rows = ((Expr.Call) Parser.parseQuery("select count(x) over (partition by a order by ts rows between "
                + "unbounded preceding and current row) from t").items().get(0).expr()).over().spec();
        assertThat(rows.start().unbounded()).isTrue();
        assertThat(Parser.parseQuery("select count(x) over w from t window w as (partition by a order by ts "
                + "rows_range between 1000 preceding and current row)").windows().get(0).spec().start().offset()).isEqualTo(1000);
    }

    @Test
    void expressions() {
        Expr e = Parser.parseExpression("case when !isnull(a) and b in (1, 2) then int(c) + 2 * d else null end");
        assertThat(e).isInstanceOf(Expr.Case.class);
        Expr.Case c = (Expr.Case) e;
        Expr.Binary and = (Expr.Binary) c.whens().get(0).condition();
        assertThat(and.op()).isEqualTo("AND");
        assertThat(and.left()).isInstanceOf(Expr.Unary.class);
        assertThat(((Expr.Unary) and.left()).operand()).isInstanceOf(Expr.IsNull.class);
        Expr.Binary plus = (Expr.Binary) c.whens().get(0).result();
        assertThat(plus.op()).isEqualTo("+");
        assertThat(plus.left()).isInstanceOf(Expr.Cast.class);
        assertThat(((Expr.Binary) plus.right()).op()).isEqualTo("*");
        assertThat(Parser.parseExpression("x not between 1 and 3")).isInstanceOf(Expr.Between.class);
        assertThat(Parser.parseExpression("`weird col` like 'a%'")).isInstanceOf(Expr.Like.class);
        assertThat(((Expr.Cast) Parser.parseExpression("cast(x as bigint)")).typeName()).isEqualTo("bigint");
        assertThat(((Expr.Literal) Parser.parseExpression("-3")).value()).isEqualTo(-3);
        assertThat(((Expr.Literal) Parser.parseExpression("3L")).value()).isEqualTo(3L);
        assertThat(((Expr.ColumnRef) Parser.parseExpression("`t`.`c`")).qualifier()).isEqualTo("t");
    }

    /** OpenMLDB's precedence: OR < AND < XOR < NOT < comparison < | < ^ < & < + < *. */
    @Test
    void operatorPrecedenceIsOpenMldbs() {
        Expr.Binary or = (Expr.Binary) Parser.parseExpression("a or b and c xor d");
        assertThat(or.op()).isEqualTo("OR");
        Expr.Binary and = (Expr.Binary) or.right();
        assertThat(and.op()).isEqualTo("AND");
        assertThat(((Expr.Binary) and.right()).op()).isEqualTo("XOR");
        Expr.Binary eq = (Expr.Binary) Parser.parseExpression("a | b ^ c & d + e = 1");
        assertThat(eq.op()).isEqualTo("=");
        Expr.Binary bitOr = (Expr.Binary) eq.left();
        assertThat(bitOr.op()).isEqualTo("|");
        Expr.Binary bitXor = (Expr.Binary) bitOr.right();
        assertThat(bitXor.op()).isEqualTo("^");
        Expr.Binary bitAnd = (Expr.Binary) bitXor.right();
        assertThat(bitAnd.op()).isEqualTo("&");
        assertThat(((Expr.Binary) bitAnd.right()).op()).isEqualTo("+");
        Expr.Unary notRlike = (Expr.Unary) Parser.parseExpression("s not rlike 'M.ry'");
        assertThat(((Expr.Call) notRlike.operand()).name()).isEqualTo("regexp_like");
        assertThatThrownBy(() -> Parser.parseExpression("a && b")).hasMessageContaining("&& is not an operator");
        assertThatThrownBy(() -> Parser.parseExpression("a || b")).hasMessageContaining("|| is not an operator");
    }

    @Test
    void scriptsAcceptUseSetAndIntoOutfile() {
        Script script = Parser.parseScript("USE demo;\nSET @@execute_mode='offline';\n"
                + "SELECT a FROM t INTO OUTFILE '/tmp/out' OPTIONS (mode = 'overwrite');");
        assertThat(script.database()).isEqualTo("demo");
        assertThat(script.outfile()).isEqualTo("/tmp/out");
        assertThat(script.outfileOptions()).containsEntry("mode", "overwrite");
        assertThat(script.query().items()).hasSize(1);
    }

    @Test
    void syntaxErrorsNameLineColumnAndText() {
        assertThatThrownBy(() -> Parser.parseQuery("select a,\n  b from t\n  where a >"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 3:12: unexpected end of the query near 'end of input'");
        assertThatThrownBy(() -> Parser.parseQuery("select a from t window w as (partition by a order by ts "
                + "rows between 3 preceding and current row maxsize 10)"))
                .hasMessageStartingWith("line 1:98: MAXSIZE is only allowed on ROWS_RANGE windows near 'maxsize'");
        assertThatThrownBy(() -> Parser.parseQuery("select a from t window w as (partition by a order by ts "
                + "rows_range between 3 preceding and current row maxsize 0)"))
                .hasMessageContaining("MAXSIZE must be positive near '0'");
        assertThatThrownBy(() -> Parser.parseQuery("select a from t window w as (partition by a order by ts "
                + "rows_range between 3x preceding and current row)"))
                .hasMessageContaining("line 1:76: unknown interval unit");
        assertThat(Parser.parseQuery("select a from t last join u order by u.ts asc on t.a = u.a").from())
                .isInstanceOf(Relation.LastJoin.class);
        assertThatThrownBy(() -> Parser.parseQuery("select a from t last join u order by u.ts desc on t.a = u.a"))
                .hasMessageContaining("LAST JOIN ORDER BY ... DESC (the smallest value wins) is not supported yet");
        assertThatThrownBy(() -> Parser.parseQuery("select a from t right join u on t.a = u.a"))
                .hasMessage("line 1:17: only LAST JOIN and LEFT JOIN are supported near 'right'");
        assertThatThrownBy(() -> Parser.parseQuery("select a from t window w as (partition by a order by ts "
                + "rows between 3 following and current row)"))
                .hasMessageContaining("FOLLOWING frames are not supported near 'following'");
        assertThatThrownBy(() -> Parser.parseQuery("select a from t window w as (partition by a order by ts "
                + "rows between -2 preceding and current row)"))
                .hasMessageContaining("a frame start cannot be negative near '2'");
    }

    @Test
    void orderByMayBeLeftToTheTableIndexUnlessTheFrameNeedsIt() {
        Select query = Parser.parseQuery("select a from t window w as (partition by a rows_range between unbounded "
                + "preceding and current row)");
        assertThat(query.windows().get(0).spec().orderBy()).isNull();
        assertThatThrownBy(() -> Parser.parseQuery("select a from t window w as (partition by a "
                + "rows_range between 2s preceding and current row)"))
                .hasMessage("line 1:92: a ROWS_RANGE frame with an offset PRECEDING requires exactly one ORDER BY "
                        + "column near ')'");
        assertThatThrownBy(() -> Parser.parseQuery("select a from t window w as (partition by a "
                + "rows between 2 preceding and current row exclude current_time)"))
                .hasMessageContaining("EXCLUDE CURRENT_TIME requires exactly one ORDER BY column");
    }

    @Test
    void ddlIndexesOrderWindowsWithoutOrderBy() {
        StructType schema = DdlParser.parse("CREATE TABLE t (a string, b int, ts timestamp, t2 bigint, "
                + "INDEX(KEY=(a, b), TS=ts, TTL_TYPE=latest), INDEX(KEY=b, TS=t2), INDEX(KEY=a));").get("t").schema();
        assertThat(TableIndex.orderColumn(schema, List.of("B", "a"))).contains("ts");
        assertThat(TableIndex.orderColumn(schema, List.of("b"))).contains("t2");
        assertThat(TableIndex.orderColumn(schema, List.of("a"))).isEmpty();
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (a string, INDEX(KEY=a, TS=nope));"))
                .hasMessage("table t: index TS column nope is not a column of the table");
    }

    @Test
    void negativeFrameEndMeansCurrentRow() {
        Select query = Parser.parseQuery("select a from t window w as (partition by a order by ts "
                + "rows_range between 2s preceding and -1s preceding)");
        Bound end = query.windows().get(0).spec().end();
        assertThat(end.offset()).isZero();
        assertThat(end.open()).isFalse();
        assertThat(query.windows().get(0).spec().start().offset()).isEqualTo(2000);
    }

    @Test
    void ddlGivesSparkSchemas() {
        Map<String, TableDefinition> tables = DdlParser.parse("CREATE TABLE IF NOT EXISTS t1 (c1 string NOT NULL, "
                + "c2 int16, c3 int32, c4 int64, c5 float, c6 double, c7 timestamp, c8 date, c9 bool, "
                + "INDEX(KEY=c1, TS=c7)) OPTIONS (partitionnum=1);\nCREATE TABLE t2 (a smallint, b bigint);");
        assertThat(tables.keySet()).containsExactly("t1", "t2");
        var fields = tables.get("t1").schema().fields();
        assertThat(fields).hasSize(9);
        assertThat(fields[0].nullable()).isFalse();
        assertThat(fields[1].dataType()).isEqualTo(DataTypes.ShortType);
        assertThat(fields[3].dataType()).isEqualTo(DataTypes.LongType);
        assertThat(fields[6].dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(fields[8].dataType()).isEqualTo(DataTypes.BooleanType);
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (a varchar2)"))
                .hasMessage("line 1:19: unknown type for column a near 'varchar2'");
    }
}
