package io.windrow.jobs.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windrow.jobs.Stage;
import io.windrow.jobs.StageMain;
import io.windrow.jobs.Stages;
import io.windrow.jobs.output.StageOutput;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input harness: a table of malformed inputs for features, preprocess, train, score,
 * samples and nightly (config and SQL mutations, missing, empty, corrupt, truncated and mis-typed
 * files, CSV headers swapped or wrong, outputs that are a user's folder, kill -9 while a stage
 * writes). Each case is checked for the documented exit code, exactly one error line that names
 * the culprit (no stack trace), and a work folder byte-identical afterwards: no output written, an
 * existing output untouched, no temporary folder left. The stages run in-process through
 * {@link StageMain#run} on one SparkSession over tiny inputs; the kill cases fork one JVM each.
 * README's "N bad inputs tried" is {@link #cases()}'s size plus the kill cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputHarnessTest {
    private static final int USAGE = 2;
    private static final int INPUT = 4;
    private static final String REQ_CSV = "id,uid,ts,amount\nr1,u1,1000,5\nr2,u1,2000,7\nr3,u2,1500,9\n";
    private static final String DATE = "2026-01-02";

    @TempDir
    static Path root;

    private Path fx;
    private Path baseConf;
    private SparkSession spark;

    /** One malformed input: the stage, what is changed, the exit code and the words the error line must hold. */
    record Case(String name, String stage, int code, List<String> culprit, Setup setup) {
        @Override
        public String toString() {
            return stage + ": " + name;
        }
    }

    /** Prepares a case's work folder and returns the arguments that differ from the stage's good run. */
    interface Setup {
        List<String> args(Path work, Path fx) throws Exception;
    }

    @BeforeAll
    void fixtures() throws Exception {
        spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        fx = root.resolve("fx");
        Files.createDirectories(fx.resolve("req"));
        Files.writeString(fx.resolve("ddl.sql"), """
                CREATE TABLE req (id string, uid string, ts timestamp, amount int, INDEX(KEY=uid, TS=ts));
                CREATE TABLE act (aid string, v double);
                CREATE TABLE other (x int);
                """);
        Files.writeString(fx.resolve("features.sql"), """
                SELECT req.id, sum(amount) OVER w AS total, act.v FROM req
                  LAST JOIN act ON req.id = act.aid
                  WINDOW w AS (PARTITION BY uid ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
                """);
        Files.writeString(fx.resolve("req/part-0.csv"), REQ_CSV);
        spark.sql("SELECT 'r1' AS aid, 0.5D AS v UNION ALL SELECT 'r3', 1.5D").coalesce(1).write()
                .parquet(fx.resolve("act").toString());
        baseConf = fx.resolve("base.conf");
        Files.writeString(baseConf, """
                features {
                  ddl = "%1$s/ddl.sql"
                  sql = "%1$s/features.sql"
                  tables {
                    req { path = "%1$s/req", format = csv }
                    act { path = "%1$s/act", format = parquet }
                  }
                  output-files = 1
                }
                """.formatted(fx));
        // The upstream outputs of preprocess, train and score, made by the stages themselves.
        StructType schema = new StructType().add("reqId_1", DataTypes.StringType)
                .add("flattenRequest_eventTime_original_0", DataTypes.TimestampType)
                .add("rate", DataTypes.DoubleType).add("brand", DataTypes.StringType).add("y", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(RowFactory.create("r" + i, new Timestamp(1_000_000L * i), i / 10.0, "b" + (i % 3), i % 2));
        }
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(fx.resolve("features").toString());
        Files.writeString(fx.resolve("features").resolve(StageOutput.MARKER), "{\"stage\": \"features\"}");
        List<Row> unlabelled = rows.stream().map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), null)).toList();
        spark.createDataFrame(unlabelled, schema).coalesce(1).write().parquet(fx.resolve("unlabelled").toString());
        Files.writeString(fx.resolve("unlabelled").resolve(StageOutput.MARKER), "{\"stage\": \"features\"}");
        Path work = fx.resolve("upstream");
        assertGood("preprocess", work, List.of("--set", "preprocess.output=" + fx.resolve("preprocess")));
        assertGood("train", work, List.of("--set", "train.output=" + fx.resolve("model")));
        Files.createDirectories(fx.resolve("raw"));
        Files.writeString(fx.resolve("raw").resolve(StageOutput.MARKER), "{\"stage\": \"generate\"}");
        assertGood("features", root.resolve("kill-ref-work"), List.of("--set", "features.output=" + root.resolve("kill-reference")));
        nightlyRoot();
    }

    @AfterAll
    void stopSpark() {
        // The session is shared with other test classes of this JVM; leave it running.
    }

    /** The stage's good run: the base every case mutates. */
    private List<String> base(String stage, Path work) {
        List<String> args = new ArrayList<>(List.of("--set", "windrow.work-dir=" + work));
        switch (stage) {
            case "features" -> args.addAll(0, List.of("--config", baseConf.toString()));
            case "preprocess" -> args.addAll(List.of("--set", "preprocess.input=" + fx.resolve("features"),
                    "--set", "preprocess.label.column=y", "--set", "preprocess.continuous.buckets=3"));
            case "train" -> args.addAll(List.of("--set", "train.input=" + fx.resolve("preprocess"),
                    "--set", "train.dnn.hidden=[4]", "--set", "train.embedding-dim=2", "--set", "train.epochs=1",
                    "--set", "train.batch-size=16", "--set", "train.baseline=false",
                    "--set", "train.checkpoint-dir=" + work.resolve("_checkpoints")));
            case "score" -> args.addAll(List.of("--set", "score.input=" + fx.resolve("features"),
                    "--set", "score.preprocess=" + fx.resolve("preprocess"),
                    "--set", "score.model=" + fx.resolve("model/model.bin")));
            case "samples" -> args.addAll(List.of("--set", "samples.mode=jd-action",
                    "--set", "samples.jd-action.requests=" + fx.resolve("features"),
                    "--set", "samples.jd-action.actions=" + fx.resolve("act")));
            default -> { }
        }
        return args;
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // --- features: command line and config
        add(cases, "features", "unknown option", USAGE, List.of("unknown option '--bogus'"), (w, f) -> List.of("--bogus"));
        add(cases, "features", "--set without =", USAGE, List.of("--set expects KEY=VALUE"), (w, f) -> List.of("--set", "features.partitions"));
        add(cases, "features", "missing --config file", USAGE, List.of("config file not found", "nosuch.conf"),
                (w, f) -> List.of("--config", w.resolve("nosuch.conf").toString()));
        add(cases, "features", "config file with a syntax error", USAGE, List.of("config file", "broken.conf"), (w, f) -> {
            Path conf = Files.writeString(f.getParent().resolve("broken.conf"), "features { partitions = \n");
            return List.of("--config", conf.toString());
        });
        add(cases, "features", "misspelt key", USAGE, List.of("features.partitons", "did you mean 'partitions'"),
                (w, f) -> List.of("--set", "features.partitons=2"));
        add(cases, "features", "unknown key in a table block (finding 5)", USAGE,
                List.of("features.tables.req.formt", "did you mean 'format'"), (w, f) -> {
                    Path conf = Files.writeString(f.getParent().resolve("formt.conf"),
                            "features.tables.req { path = \"" + f.resolve("req") + "\", formt = csv }\n");
                    return List.of("--config", conf.toString());
                });
        add(cases, "features", "negative partitions (finding 4)", USAGE, List.of("features.partitions", "-3"),
                (w, f) -> List.of("--set", "features.partitions=-3"));
        add(cases, "features", "negative output-files", USAGE, List.of("features.output-files"), (w, f) -> List.of("--set", "features.output-files=-1"));
        add(cases, "features", "partitions not a number", USAGE, List.of("features.partitions", "a number"),
                (w, f) -> List.of("--set", "features.partitions=many"));
        add(cases, "features", "unknown output-format", USAGE, List.of("features.output-format", "orc"),
                (w, f) -> List.of("--set", "features.output-format=orc"));
        add(cases, "features", "misspelt output-format", USAGE, List.of("features.output-format", "did you mean 'parquet'"),
                (w, f) -> List.of("--set", "features.output-format=parqet"));
        add(cases, "features", "unknown table format", USAGE, List.of("features.tables.req.format", "json"),
                (w, f) -> List.of("--set", "features.tables.req.format=json"));
        add(cases, "features", "table block that is not an object", USAGE, List.of("features.tables.req must be an object"), (w, f) -> {
            Path conf = Files.writeString(f.getParent().resolve("notobject.conf"), "features.tables { req = \"x\" }\n");
            return List.of("--config", conf.toString());
        });
        add(cases, "features", "table without a path", USAGE, List.of("features.tables.extra.path is missing"),
                (w, f) -> List.of("--set", "features.tables.extra.format=csv"));
        add(cases, "features", "unknown bad-values policy", USAGE, List.of("features.bad-values"),
                (w, f) -> List.of("--set", "features.bad-values=skip"));
        add(cases, "features", "overwrite not a boolean", USAGE, List.of("windrow.overwrite"),
                (w, f) -> List.of("--set", "windrow.overwrite=maybe"));
        add(cases, "features", "missing DDL file", USAGE, List.of("features.ddl", "nosuch.sql"),
                (w, f) -> List.of("--set", "features.ddl=" + w.resolve("nosuch.sql")));
        add(cases, "features", "missing SQL file", USAGE, List.of("features.sql", "nosuch.sql"),
                (w, f) -> List.of("--set", "features.sql=" + w.resolve("nosuch.sql")));
        add(cases, "features", "blank SQL key", USAGE, List.of("features.sql is not set"), (w, f) -> List.of("--set", "features.sql="));
        // --- features: SQL and DDL mutations
        sql(cases, "misspelt SELECT", "SELEC id FROM req;", List.of("features.sql", "line 1"));
        sql(cases, "unclosed parenthesis", "SELECT id, sum(amount OVER w AS t FROM req WINDOW w AS (PARTITION BY uid ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);",
                List.of("features.sql", "line 1"));
        sql(cases, "empty SQL file", "", List.of("features.sql"));
        sql(cases, "unknown column", "SELECT id, nosuch FROM req;", List.of("features.sql", "nosuch"));
        sql(cases, "unknown table", "SELECT id FROM nosuch;", List.of("features.sql", "nosuch"));
        sql(cases, "unknown function", "SELECT id, nosuchfn(amount) OVER w AS t FROM req WINDOW w AS (PARTITION BY uid ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);",
                List.of("features.sql", "nosuchfn"));
        sql(cases, "undefined window", "SELECT id, sum(amount) OVER w2 AS t FROM req WINDOW w AS (PARTITION BY uid ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);",
                List.of("features.sql", "w2"));
        sql(cases, "window frame without an end", "SELECT id, sum(amount) OVER w AS t FROM req WINDOW w AS (PARTITION BY uid ORDER BY ts ROWS BETWEEN 1 PRECEDING);",
                List.of("features.sql", "line 1"));
        add(cases, "features", "DDL with a syntax error", USAGE, List.of("features.ddl", "bad-ddl.sql"), (w, f) -> {
            Path ddl = Files.writeString(w.getParent().resolve(w.getFileName() + "-bad-ddl.sql"), "CREATE TABLE req (id strin, );");
            return List.of("--set", "features.ddl=" + ddl);
        });
        add(cases, "features", "table not declared in the DDL", USAGE, List.of("table nosuch is not declared"),
                (w, f) -> List.of("--set", "features.tables.nosuch.path=" + f.resolve("req")));
        add(cases, "features", "table both read and empty", USAGE, List.of("req", "both in features.tables and features.empty-tables"),
                (w, f) -> List.of("--set", "features.empty-tables=[req]"));
        // --- features: input data
        add(cases, "features", "CSV path that does not exist (finding 3)", INPUT,
                List.of("features.tables.req", "table req", "nosuch", "path does not exist"),
                (w, f) -> List.of("--set", "features.tables.req.path=" + w.resolve("nosuch")));
        add(cases, "features", "parquet path that does not exist", INPUT, List.of("features.tables.act", "table act", "path does not exist"),
                (w, f) -> List.of("--set", "features.tables.act.path=" + w.resolve("nosuch")));
        add(cases, "features", "empty parquet folder (finding 3)", INPUT, List.of("features.tables.act", "table act", "no data files"), (w, f) -> {
            Path empty = Files.createDirectories(w.getParent().resolve(w.getFileName() + "-empty"));
            return List.of("--set", "features.tables.act.path=" + empty);
        });
        add(cases, "features", "truncated parquet file (finding 3)", INPUT, List.of("features.tables.act", "table act", "part-"),
                (w, f) -> List.of("--set", "features.tables.act.path=" + corruptCopy(f.resolve("act"), w, true)));
        add(cases, "features", "text file posing as parquet", INPUT, List.of("features.tables.act", "table act", "not"),
                (w, f) -> List.of("--set", "features.tables.act.path=" + corruptCopy(f.resolve("act"), w, false)));
        add(cases, "features", "parquet file lacking a declared column", INPUT, List.of("features.tables.act", "column v", "missing"), (w, f) -> {
            Path dir = w.getParent().resolve(w.getFileName() + "-nov");
            SparkSession.active().sql("SELECT 'r1' AS aid").write().parquet(dir.toString());
            return List.of("--set", "features.tables.act.path=" + dir);
        });
        add(cases, "features", "parquet column of another type", INPUT, List.of("features.tables.act", "column v", "has type string"), (w, f) -> {
            Path dir = w.getParent().resolve(w.getFileName() + "-vstring");
            SparkSession.active().sql("SELECT 'r1' AS aid, 'x' AS v").write().parquet(dir.toString());
            return List.of("--set", "features.tables.act.path=" + dir);
        });
        csv(cases, "CSV header lacking a column", "id,uid,ts\nr1,u1,1000\n", List.of("lacks the DDL's column(s) amount"));
        csv(cases, "CSV header with an extra column", "id,uid,ts,amount,color\nr1,u1,1000,5,red\n",
                List.of("does not declare: color"));
        csv(cases, "CSV header misspelt", "id,user,ts,amount\nr1,u1,1000,5\n", List.of("lacks the DDL's column(s) uid", "does not declare: user"));
        csv(cases, "'abc' in an int column (finding 2)", "id,uid,ts,amount\nr1,u1,1000,5\nr2,u1,2000,abc\n",
                List.of("line 3", "column amount", "'abc' is not a valid int", "features.bad-values"));
        csv(cases, "'3.7' in an int column (finding 2)", "id,uid,ts,amount\nr1,u1,1000,3.7\n", List.of("line 2", "column amount", "'3.7'"));
        csv(cases, "swapped header names over unswapped values (finding 2)", "id,uid,amount,ts\nr1,u1,1000,5\nr2,u1,2000,x7\n",
                List.of("line 3", "column ts", "'x7' is not a valid timestamp"));
        csv(cases, "text in a timestamp column", "id,uid,ts,amount\nr1,u1,yesterday,5\n", List.of("line 2", "column ts", "'yesterday'"));
        csv(cases, "empty CSV file", "", List.of("lacks the DDL's column(s)"));
        add(cases, "features", "second CSV file with another header", INPUT, List.of("features.tables.req", "header"), (w, f) -> {
            Path dir = Files.createDirectories(w.getParent().resolve(w.getFileName() + "-csv"));
            Files.writeString(dir.resolve("part-0.csv"), REQ_CSV);
            Files.writeString(dir.resolve("part-1.csv"), "id,ts,uid,amount\nr9,3000,u1,1\n");
            return List.of("--set", "features.tables.req.path=" + dir);
        });
        // --- features: outputs
        outputs(cases, "features", "features.output");
        add(cases, "features", "existing features output without overwrite", USAGE, List.of("already exists", "windrow.overwrite"), (w, f) -> {
            committed(w.resolve("features"), "features");
            return List.of();
        });
        add(cases, "features", "output holding only Spark's _SUCCESS", USAGE, List.of("is not a Windrow output"), (w, f) -> {
            Path out = Files.createDirectories(w.resolve("features"));
            Files.writeString(out.resolve("_SUCCESS"), "");
            Files.writeString(out.resolve("part-0.parquet"), "half");
            return List.of("--set", "windrow.overwrite=true");
        });
        add(cases, "features", "output that is the work folder itself", USAGE, List.of("is not a Windrow output"), (w, f) -> {
            committed(w.resolve("raw"), "generate");
            return List.of("--set", "windrow.overwrite=true", "--set", "features.output=" + w);
        });
        // --- preprocess
        add(cases, "preprocess", "no features output", INPUT, List.of("features output not found", "nosuch"),
                (w, f) -> List.of("--set", "preprocess.input=" + w.resolve("nosuch")));
        add(cases, "preprocess", "features folder without the commit marker", INPUT, List.of("features output not found", "_WINDROW_SUCCESS"), (w, f) -> {
            Path half = w.resolve("half");
            SparkSession.active().read().parquet(f.resolve("features").toString()).write().parquet(half.toString());
            return List.of("--set", "preprocess.input=" + half);
        });
        add(cases, "preprocess", "every label NULL (finding 4)", INPUT, List.of("preprocess.label.column", "'y'", "NULL", "jd-labels.conf"),
                (w, f) -> List.of("--set", "preprocess.input=" + f.resolve("unlabelled")));
        add(cases, "preprocess", "label column missing", USAGE, List.of("label column 'nope'"), (w, f) -> List.of("--set", "preprocess.label.column=nope"));
        add(cases, "preprocess", "unknown mode", USAGE, List.of("preprocess.mode", "fancy"), (w, f) -> List.of("--set", "preprocess.mode=fancy"));
        add(cases, "preprocess", "misspelt key", USAGE, List.of("preprocess.lable", "did you mean 'label'"), (w, f) -> List.of("--set", "preprocess.lable.column=y"));
        add(cases, "preprocess", "truncated features file", INPUT, List.of("part-"),
                (w, f) -> List.of("--set", "preprocess.input=" + corruptCopy(f.resolve("features"), w, true)));
        outputs(cases, "preprocess", "preprocess.output");
        // --- train
        add(cases, "train", "no preprocess output", INPUT, List.of("preprocess output not found", "nosuch"),
                (w, f) -> List.of("--set", "train.input=" + w.resolve("nosuch")));
        add(cases, "train", "unknown model", USAGE, List.of("train.model", "xgboost"), (w, f) -> List.of("--set", "train.model=xgboost"));
        add(cases, "train", "zero epochs", USAGE, List.of("train.epochs"), (w, f) -> List.of("--set", "train.epochs=0"));
        add(cases, "train", "misspelt key", USAGE, List.of("train.epoch", "did you mean 'epochs'"), (w, f) -> List.of("--set", "train.epoch=2"));
        add(cases, "train", "hidden layers not a list", USAGE, List.of("train.dnn.hidden"), (w, f) -> List.of("--set", "train.dnn.hidden=big"));
        outputs(cases, "train", "train.output");
        // --- score
        add(cases, "score", "model file missing", INPUT, List.of("score.model", "nosuch.bin"), (w, f) -> List.of("--set", "score.model=" + w.resolve("nosuch.bin")));
        add(cases, "score", "features input missing", INPUT, List.of("score.input", "nosuch"), (w, f) -> List.of("--set", "score.input=" + w.resolve("nosuch")));
        add(cases, "score", "key column not in the input", USAGE, List.of("score.key-columns", "nope"), (w, f) -> List.of("--set", "score.key-columns=[nope]"));
        add(cases, "score", "misspelt key", USAGE, List.of("score.modle", "did you mean 'model'"), (w, f) -> List.of("--set", "score.modle=x"));
        outputs(cases, "score", "score.output");
        // --- samples
        add(cases, "samples", "unknown mode", USAGE, List.of("samples.mode", "bogus"), (w, f) -> List.of("--set", "samples.mode=bogus"));
        add(cases, "samples", "requests table missing", INPUT, List.of("samples.jd-action.requests", "nosuch"),
                (w, f) -> List.of("--set", "samples.jd-action.requests=" + w.resolve("nosuch")));
        add(cases, "samples", "misspelt key", USAGE, List.of("samples.jd-action.horizon-day", "did you mean 'horizon-days'"),
                (w, f) -> List.of("--set", "samples.jd-action.horizon-day=3"));
        outputs(cases, "samples", "samples.jd-action.output");
        // --- nightly (a copy of scripts/nightly.sh whose stage launcher is a stub that exits as told)
        nightly(cases, "date missing", USAGE, List.of("--date YYYY-MM-DD is required"), List.of());
        nightly(cases, "impossible date", USAGE, List.of("--date", "2026-13-45"), List.of("--date", "2026-13-45"));
        nightly(cases, "unknown option", USAGE, List.of("unknown option '--bogus'"), List.of("--date", DATE, "--bogus"));
        nightly(cases, "--set of the work folder", USAGE, List.of("nightly sets windrow.work-dir"),
                List.of("--date", DATE, "--set", "windrow.work-dir=/tmp/x"));
        nightly(cases, "--from an unknown stage", USAGE, List.of("--from nosuch"), List.of("--date", DATE, "--from", "nosuch"));
        nightly(cases, "retries not a number", USAGE, List.of("--retries"), List.of("--date", DATE, "--retries", "x"));
        nightly(cases, "missing --config file", USAGE, List.of("config file not found"), List.of("--date", DATE, "--config", "/nosuch.conf"));
        nightly(cases, "no input for the date", INPUT, List.of("no input for dt=2026-01-03"), List.of("--date", "2026-01-03"));
        return cases.stream();
    }

    private static void add(List<Case> cases, String stage, String name, int code, List<String> culprit, Setup setup) {
        cases.add(new Case(name, stage, code, culprit, setup));
    }

    private static void sql(List<Case> cases, String name, String sql, List<String> culprit) {
        add(cases, "features", "SQL: " + name, USAGE, culprit, (w, f) -> {
            Path file = Files.writeString(w.getParent().resolve(w.getFileName() + ".sql"), sql);
            return List.of("--set", "features.sql=" + file);
        });
    }

    private static void csv(List<Case> cases, String name, String text, List<String> culprit) {
        List<String> all = new ArrayList<>(List.of("features.tables.req", "table req"));
        all.addAll(culprit);
        add(cases, "features", name, INPUT, all, (w, f) -> {
            Path dir = Files.createDirectories(w.getParent().resolve(w.getFileName() + "-csv"));
            Files.writeString(dir.resolve("part-0.csv"), text);
            return List.of("--set", "features.tables.req.path=" + dir);
        });
    }

    /** The output cases every stage shares: a user's folder (with and without overwrite), a file, another stage's output. */
    private static void outputs(List<Case> cases, String stage, String key) {
        add(cases, stage, "output is a user's folder, overwrite on (finding 1)", USAGE,
                List.of("my-notes", "is not a Windrow output", "notes.txt", "sub/"), (w, f) -> {
                    Path notes = Files.createDirectories(w.resolve("my-notes/sub"));
                    Files.writeString(notes.getParent().resolve("notes.txt"), "notes");
                    return List.of("--set", "windrow.overwrite=true", "--set", key + "=" + notes.getParent());
                });
        add(cases, stage, "output is a user's folder, overwrite off", USAGE, List.of("my-notes", "is not a Windrow output"), (w, f) -> {
            Path notes = Files.createDirectories(w.resolve("my-notes"));
            Files.writeString(notes.resolve("notes.txt"), "notes");
            return List.of("--set", key + "=" + notes);
        });
        add(cases, stage, "output is a file", USAGE, List.of("notes.txt", "is a file"), (w, f) -> {
            Path file = Files.writeString(Files.createDirectories(w).resolve("notes.txt"), "notes");
            return List.of("--set", "windrow.overwrite=true", "--set", key + "=" + file);
        });
        add(cases, stage, "output is another stage's output", USAGE, List.of("is the output of the generate stage"), (w, f) -> {
            committed(w.resolve("raw"), "generate");
            return List.of("--set", "windrow.overwrite=true", "--set", key + "=" + w.resolve("raw"));
        });
    }

    private static void nightly(List<Case> cases, String name, int code, List<String> culprit, List<String> args) {
        add(cases, "nightly", name, code, culprit, (w, f) -> {
            Files.createDirectories(w.resolve("base")); // nightly makes its base folder; the case starts with one
            return args;
        });
    }

    /** A complete output of {@code stage} with one data file, as a stage would have committed it. */
    private static void committed(Path dir, String stage) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("part-0.txt"), "data of " + stage);
        Files.writeString(dir.resolve(StageOutput.MARKER), "{\"stage\": \"" + stage + "\"}");
    }

    /** A copy of a parquet folder whose data file is cut in half, or replaced by text. */
    private static Path corruptCopy(Path source, Path work, boolean truncate) throws IOException {
        Path copy = work.getParent().resolve(work.getFileName() + "-corrupt");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(file.getFileName());
                byte[] bytes = Files.readAllBytes(file);
                if (file.getFileName().toString().startsWith("part-")) {
                    bytes = truncate ? java.util.Arrays.copyOf(bytes, bytes.length / 2)
                            : "id,v\nr1,0.5\n".getBytes(StandardCharsets.UTF_8);
                }
                if (!file.getFileName().toString().startsWith(".")) {
                    Files.write(target, bytes);
                }
            }
        }
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsOneLineWithItsExitCodeAndChangesNothing(Case bad) throws Exception {
        Path work = Files.createDirectories(root.resolve("cases").resolve(Integer.toHexString(bad.toString().hashCode())));
        List<String> extra = bad.setup().args(work, fx);
        Map<String, String> before = snapshot(work);
        Outcome outcome = bad.stage().equals("nightly") ? nightly(work, extra) : stage(bad.stage(), work, extra);
        assertThat(outcome.code).as("%s: exit code; stderr: %s", bad, outcome.err).isEqualTo(bad.code());
        List<String> lines = outcome.err.lines().filter(line -> !line.isBlank()).toList();
        String prefix = bad.stage().equals("nightly") ? "nightly: error: " : "windrow " + bad.stage() + ": error: ";
        assertThat(lines).as("one error line, no stack trace").hasSize(1);
        assertThat(lines.get(0)).startsWith(prefix).contains(bad.culprit());
        assertThat(snapshot(work)).as("the work folder is byte-identical: nothing written, nothing lost, no temporary folder")
                .isEqualTo(before);
    }

    /**
     * The kill -9 case: a features run replacing an existing output, killed as soon as its staging
     * folder appears, leaves the visible output byte-identical; the next run removes the staging
     * folder. (One case: each forks a JVM with its own Spark. A kill between the two renames of a
     * commit is {@code StageOutputTest}'s; nightly's kill and rerun is {@code OperationsIT}'s.)
     */
    @Test
    void aRunKilledWhileWritingLeavesTheOutputAsItWasAndTheNextRunCleansUp() throws Exception {
        Path work = Files.createDirectories(root.resolve("kill"));
        assertGood("features", work, List.of());
        List<String> args = new ArrayList<>(base("features", work));
        args.addAll(List.of("--set", "windrow.overwrite=true"));
        Map<String, String> before = snapshot(work.resolve("features"));
        killWhileStaging(work, args);
        assertThat(snapshot(work.resolve("features"))).as("visible output after kill -9").isEqualTo(before);
        assertThat(staging(work)).as("the killed run's staging folder").isNotEmpty();
        assertGood("features", work, List.of("--set", "windrow.overwrite=true"));
        assertThat(staging(work)).as("staging folders after the next run").isEmpty();
        assertThat(snapshotData(work.resolve("features"))).isEqualTo(snapshotData(root.resolve("kill-reference")));
    }

    /** Nightly passes a stage's exit code on: 2 and 4 are not retried, 1 is; the run exits 10+i. */
    @Test
    void nightlyReportsTheStageExitCodeAndRetriesOnlyRuntimeFailures() throws Exception {
        for (int stageCode : List.of(USAGE, INPUT, 1)) {
            Path work = Files.createDirectories(root.resolve("nightly-stage-" + stageCode));
            Files.createDirectories(work.resolve("base/dt=" + DATE + "/raw"));
            Outcome outcome = nightly(work, List.of("--date", DATE, "--stages", "features", "--retries", "1", "--backoff", "0"),
                    Map.of("STUB_EXIT", String.valueOf(stageCode)));
            assertThat(outcome.code).as(outcome.out + outcome.err).isEqualTo(10);
            JsonNode summary = new ObjectMapper().readTree(work.resolve("base/_runs/dt=" + DATE + "/latest/summary.json").toFile());
            JsonNode features = summary.path("stages").get(0);
            assertThat(features.path("stage_exit_code").asInt()).isEqualTo(stageCode);
            assertThat(features.path("attempts").asInt()).isEqualTo(stageCode == 1 ? 2 : 1);
            assertThat(outcome.out).contains("windrow features: error: stub failure " + stageCode);
        }
    }

    /** README.md reports the harness's size ("100 bad inputs tried"): the table's cases, the kill and the three nightly exits. */
    @Test
    void theReadmeCountIsTheTablesSize() throws IOException {
        long tried = cases().count() + 1 + 3;
        assertThat(tried).isGreaterThanOrEqualTo(60);
        assertThat(Files.readString(Path.of("../README.md"))).contains(tried + " bad inputs tried, all clear");
    }

    /** With a stage's good arguments, each stage under test succeeds: the bad cases fail for their own reason. */
    @Test
    void theGoodRunsTheCasesMutateSucceed() throws Exception {
        Path work = root.resolve("good");
        assertGood("features", work, List.of());
        assertGood("score", work, List.of());
        assertThat(spark.read().parquet(work.resolve("features").toString()).orderBy("id").collectAsList().toString())
                .isEqualTo("[[r1,5,0.5], [r2,12,null], [r3,9,1.5]]");
        // The CSV header in another order reads the same table: columns are matched by name.
        Path reordered = Files.createDirectories(root.resolve("reordered-req"));
        Files.writeString(reordered.resolve("part-0.csv"), "amount,ts,id,uid\n5,1000,r1,u1\n7,2000,r2,u1\n9,1500,r3,u2\n");
        Path work2 = root.resolve("good-reordered");
        assertGood("features", work2, List.of("--set", "features.tables.req.path=" + reordered));
        assertThat(snapshotData(work2.resolve("features"))).isEqualTo(snapshotData(work.resolve("features")));
        // bad-values = null: the value is NULL, counted, and the run says so.
        Path bad = Files.createDirectories(root.resolve("badvalue-req"));
        Files.writeString(bad.resolve("part-0.csv"), "id,uid,ts,amount\nr1,u1,1000,abc\nr2,u1,2000,7\nr3,u2,1500,3.7\n");
        Path work3 = root.resolve("good-null");
        Outcome outcome = stage("features", work3, List.of("--set", "features.tables.req.path=" + bad, "--set", "features.bad-values=null"));
        assertThat(outcome.code).as(outcome.err).isZero();
        assertThat(outcome.out).contains("2 unparseable CSV values read as NULL");
        JsonNode metrics = new ObjectMapper().readTree(work3.resolve("features/_metrics.json").toFile());
        assertThat(metrics.path("bad_values.req").asLong()).isEqualTo(2);
        assertThat(spark.read().parquet(work3.resolve("features").toString()).orderBy("id").collectAsList().toString())
                .isEqualTo("[[r1,null,0.5], [r2,7,null], [r3,null,1.5]]");
    }

    private void assertGood(String stage, Path work, List<String> extra) {
        Outcome outcome = stage(stage, work, extra);
        assertThat(outcome.code).as("%s good run: %s", stage, outcome.err).isZero();
    }

    private record Outcome(int code, String out, String err) {}

    private Outcome stage(String name, Path work, List<String> extra) {
        Stage stage = Stages.byName(name).orElseThrow();
        List<String> args = new ArrayList<>(base(name, work));
        args.addAll(extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = StageMain.run(stage, args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Outcome nightly(Path work, List<String> args) throws Exception {
        return nightly(work, args, Map.of());
    }

    private Outcome nightly(Path work, List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("nightly-root/scripts/nightly.sh").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("WINDROW_NIGHTLY_BASE", work.resolve("base").toString());
        builder.environment().put("WINDROW_NIGHTLY_STATE", root.resolve("nightly-state").resolve(work.getFileName()).toString());
        builder.environment().putAll(env);
        if (env.containsKey("STUB_EXIT")) {
            builder.environment().remove("WINDROW_NIGHTLY_STATE");
        }
        Path stdout = Files.createTempFile(root, "nightly", ".out");
        Path stderr = Files.createTempFile(root, "nightly", ".err");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(stdout);
        // The stub's own error line is part of the stage log the run prints; nightly's own errors go to stderr.
        return new Outcome(process.exitValue(), out, Files.readString(stderr));
    }

    /** A copy of nightly.sh in a folder that looks like a built checkout, with a stage launcher that exits $STUB_EXIT. */
    private void nightlyRoot() throws IOException {
        Path nightlyRoot = root.resolve("nightly-root");
        Path scripts = Files.createDirectories(nightlyRoot.resolve("scripts"));
        Files.copy(Path.of("../scripts/nightly.sh"), scripts.resolve("nightly.sh"));
        Path stub = Files.writeString(scripts.resolve("windrow"), """
                #!/usr/bin/env bash
                echo "windrow $1: error: stub failure ${STUB_EXIT:-0}" >&2
                exit "${STUB_EXIT:-0}"
                """);
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path target = Files.createDirectories(nightlyRoot.resolve("jobs/target"));
        for (String jar : List.of("windrow-jobs.jar", "windrow-jobs-0.jar")) {
            try (JarOutputStream ignored = new JarOutputStream(Files.newOutputStream(target.resolve(jar)))) {
                // an empty jar: the classes come from classpath.txt
            }
        }
        Files.writeString(target.resolve("classpath.txt"), System.getProperty("java.class.path"));
        Files.createDirectories(nightlyRoot.resolve("conf"));
        Files.copy(Path.of("../conf/log4j2.properties"), nightlyRoot.resolve("conf/log4j2.properties"));
    }

    /** Forks a JVM running the features stage and kills it (SIGKILL) as soon as its staging folder appears. */
    private void killWhileStaging(Path work, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-") || arg.startsWith("-Xmx")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.windrow.jobs.Windrow", "features"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("kill-" + work.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (process.isAlive() && staging(work).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(process.isAlive()).as("the run was still writing when killed").isTrue();
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no abort()
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }

    private static List<Path> staging(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(work)) {
            return children.filter(p -> p.getFileName().toString().startsWith("._")).toList();
        }
    }

    /** Every file and folder under {@code dir} with the SHA-256 of each file's bytes. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(dir)) {
            return entries;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.toList()) {
                String relative = dir.relativize(path).toString();
                if (relative.startsWith("_runs") || relative.startsWith("base/_runs")) {
                    continue; // nightly's own run logs, written by design
                }
                entries.put(relative, Files.isDirectory(path) ? "dir" : sha256(Files.readAllBytes(path)));
            }
        }
        return entries;
    }

    /** The data files' hashes (not their random names, nor the metrics, whose duration differs between runs). */
    private static List<String> snapshotData(Path dir) throws IOException {
        return snapshot(dir).entrySet().stream().filter(e -> e.getKey().startsWith("part-"))
                .map(Map.Entry::getValue).sorted().toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
