package io.windrow.train;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The training-curve PNG: train loss (per epoch) and val logloss on top, val AUC below, per model.
 * Validations sit at their position in epochs, so those run every N steps fall between epochs.
 */
final class TrainingCurve {
    private TrainingCurve() {}

    static void writePng(List<ModelRun> runs, OutputStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection aucs = new XYSeriesCollection();
        for (ModelRun run : runs) {
            XYSeries trainLoss = new XYSeries(run.kind() + " train loss");
            XYSeries valLoss = new XYSeries(run.kind() + " val logloss");
            XYSeries valAuc = new XYSeries(run.kind() + " val AUC");
            for (EpochRecord r : run.history()) {
                // An epoch cut short by early stopping ends at its last validation, not at its number.
                double end = run.evaluations().stream().filter(e -> e.epoch() == r.epoch())
                        .mapToDouble(Evaluation::epochPosition).max().orElse(r.epoch());
                trainLoss.add(end, r.trainLoss());
            }
            for (Evaluation e : run.evaluations()) {
                valLoss.add(e.epochPosition(), e.val().logloss());
                valAuc.add(e.epochPosition(), e.val().auc());
            }
            losses.addSeries(trainLoss);
            losses.addSeries(valLoss);
            aucs.addSeries(valAuc);
        }
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.add(subplot(losses, "loss"), 1);
        plot.add(subplot(aucs, "AUC"), 1);
        JFreeChart chart = new JFreeChart("Windrow training curve", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartUtils.writeChartAsPNG(out, chart, 900, 700);
    }

    private static XYPlot subplot(XYSeriesCollection data, String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return new XYPlot(data, null, axis, new XYLineAndShapeRenderer(true, true));
    }
}
