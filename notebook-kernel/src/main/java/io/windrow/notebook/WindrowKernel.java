package io.windrow.notebook;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Jupyter kernel for Java notebooks on the Windrow classpath. The Jupyter protocol comes from
 * jjava-jupyter; each cell is split into snippets and evaluated by a JShell whose execution
 * engine is this JVM ("local"), so snippets see every class on the kernel's classpath (Spark,
 * Windrow) and objects such as a SparkSession live across cells. A cell fails (and a headless
 * {@code jupyter nbconvert --execute} stops) when a snippet does not compile or throws.
 *
 * <p>Usage (what kernel.json runs): {@code java -cp KERNEL:WINDROW io.windrow.notebook.WindrowKernel CONNECTION_FILE}.
 */
public final class WindrowKernel extends BaseKernel {
    private static volatile WindrowKernel running;
    private final JShell shell;

    private WindrowKernel(Builder builder) {
        super(builder.name(), builder.version(), languageInfo(), List.of(), builder.history(), builder.io(),
                builder.comms(), builder.renderer(), builder.parser(), builder.magics(), false, builder.errorStyler());
        Image.registerAll(getRenderer()); // java.awt.image.RenderedImage -> image/png
        String classpath = System.getProperty("java.class.path");
        this.shell = JShell.builder()
                .executionEngine("local")
                .compilerOptions("--class-path", classpath)
                .build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            throw new IllegalArgumentException("usage: WindrowKernel CONNECTION_FILE (a Jupyter connection file)");
        }
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(properties);
        WindrowKernel kernel = new Builder().name("windrow-java").version("0.1.0").build();
        running = kernel;
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }

    /**
     * Shows a value in the output of the running cell: a {@link java.awt.image.RenderedImage} (a
     * chart) as PNG, anything else as text. Cells call {@code io.windrow.notebook.WindrowKernel.show(x)}.
     */
    public static void show(Object value) {
        WindrowKernel kernel = running;
        if (kernel == null) {
            throw new IllegalStateException("show() works inside the Windrow notebook kernel only");
        }
        kernel.display(kernel.getRenderer().render(value));
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("Java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    /** Evaluates a cell snippet by snippet; returns the value of the last expression, if any. */
    @Override
    public Object evalRaw(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        String lastValue = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                throw new IllegalArgumentException("incomplete Java at the end of the cell: "
                        + remaining.strip().lines().findFirst().orElse(""));
            }
            lastValue = evalSnippet(info.source());
            remaining = info.remaining();
        }
        return lastValue;
    }

    private String evalSnippet(String source) {
        String value = null;
        for (SnippetEvent event : shell.eval(source)) {
            if (event.exception() != null) {
                throw describe(event.exception());
            }
            if (event.status() == Snippet.Status.REJECTED) {
                String diagnostics = shell.diagnostics(event.snippet())
                        .map(diag -> diag.getMessage(Locale.ROOT) + position(event.snippet().source(), diag))
                        .collect(Collectors.joining("\n"));
                throw new IllegalArgumentException("compile error: " + diagnostics);
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String unresolved = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) event.snippet())
                        .collect(Collectors.joining(", "));
                throw new IllegalArgumentException("unresolved symbols: " + unresolved);
            }
            // An expression cell's value: JShell keeps it as a temporary variable ($1) or a plain
            // variable reference; declarations are not echoed.
            Snippet.SubKind subKind = event.snippet().subKind();
            if (event.causeSnippet() == null && event.value() != null
                    && (subKind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND || subKind == Snippet.SubKind.VAR_VALUE_SUBKIND
                        || event.snippet().kind() == Snippet.Kind.EXPRESSION)) {
                value = event.value();
            }
        }
        return value;
    }

    private static String position(String source, Diag diag) {
        long start = Math.max(0, diag.getStartPosition());
        return " at: " + source.substring((int) Math.min(start, source.length())).lines().findFirst().orElse("");
    }

    /** JShell reports a snippet's exception by class name; keep its message and stack for the reader. */
    private static RuntimeException describe(jdk.jshell.JShellException exception) {
        if (exception instanceof EvalException eval) {
            RuntimeException described = new RuntimeException(eval.getExceptionClassName() + ": " + eval.getMessage());
            described.setStackTrace(eval.getStackTrace());
            if (eval.getCause() != null) {
                described.initCause(eval.getCause());
            }
            return described;
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            return new IllegalArgumentException("unresolved reference in " + unresolved.getSnippet().source());
        }
        return new RuntimeException(exception.getMessage(), exception);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<String> suggestions = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion suggestion : shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor)) {
            suggestions.add(suggestion.continuation());
        }
        return new ReplacementOptions(suggestions, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        return switch (shell.sourceCodeAnalysis().analyzeCompletion(code).completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        shell.stop();
    }

    @Override
    public void onShutdown(boolean restart) {
        shell.close();
    }

    /** Supplies the protocol library's defaults for history, IO, comms, rendering and magics. */
    static final class Builder extends BaseKernelBuilder<Builder, WindrowKernel> {
        @Override
        public WindrowKernel build() {
            return new WindrowKernel(this);
        }

        String name() {
            return buildName();
        }

        String version() {
            return buildVersion();
        }

        org.dflib.jjava.jupyter.kernel.history.HistoryManager history() {
            return buildHistoryManager();
        }

        org.dflib.jjava.jupyter.kernel.JupyterIO io() {
            return buildJupyterIO(buildJupyterIOEncoding());
        }

        org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
            return buildCommManager();
        }

        org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
            return buildRenderer();
        }

        MagicParser parser() {
            return new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler());
        }

        org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics() {
            return buildMagicsRegistry();
        }

        org.dflib.jjava.jupyter.kernel.util.StringStyler errorStyler() {
            return buildErrorStyler();
        }
    }
}
