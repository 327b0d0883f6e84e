package io.windrow.jobs;

import java.util.Arrays;

/**
 * The launcher's entry point: {@code Windrow STAGE [--config FILE]... [--set KEY=VALUE]...}.
 * {@code scripts/windrow} calls it through spark-submit; {@code --help} lists the stages.
 */
public final class Windrow {
    private Windrow() {}

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(usage());
            if (args.length == 0) {
                System.exit(ExitCode.USAGE.code());
            }
            return;
        }
        Stage stage = Stages.byName(args[0]).orElse(null);
        if (stage == null) {
            System.err.println("windrow: error: unknown stage '" + args[0] + "' (windrow --help lists the stages)");
            System.exit(ExitCode.USAGE.code());
        }
        StageMain.main(stage, Arrays.copyOfRange(args, 1, args.length));
    }

    static String usage() {
        StringBuilder text = new StringBuilder("usage: scripts/windrow STAGE [--config FILE]... [--set KEY=VALUE]..."
                + " [-- SPARK-SUBMIT-OPTIONS]\n       scripts/windrow STAGE --help   (the stage's config keys)\n\nstages:\n");
        for (Stage stage : Stages.all()) {
            text.append(String.format("  %-12s %s%n", stage.name(), stage.description()));
        }
        return text.toString();
    }
}
