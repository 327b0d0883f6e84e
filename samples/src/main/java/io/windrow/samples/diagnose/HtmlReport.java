package io.windrow.samples.diagnose;

import io.windrow.samples.diagnose.DiagnoseReport.Example;
import io.windrow.samples.diagnose.DiagnoseReport.FeatureConsistency;
import io.windrow.samples.diagnose.DiagnoseReport.LabelRate;
import io.windrow.samples.diagnose.DiagnoseReport.TimePoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link DiagnoseReport} as one self-contained HTML page: tables plus charts drawn as
 * inline SVG here (positive rate over time per label, one line per side; per-feature mismatch
 * rate bars), with no script or external resource, so it opens from a file or a mail attachment.
 */
public final class HtmlReport {
    private static final String LEFT_COLOR = "#1f77b4";
    private static final String RIGHT_COLOR = "#ff7f0e";

    private HtmlReport() {}

    public static String render(DiagnoseReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Windrow diagnose: ")
                .append(esc(r.leftName())).append(" vs ").append(esc(r.rightName())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td.l{text-align:left}.bad{color:#b00;font-weight:bold}.ok{color:#070}</style></head><body>\n");
        h.append("<h1>").append(esc(r.leftName())).append(" vs ").append(esc(r.rightName())).append("</h1>\n");
        h.append("<p>Key: ").append(esc(String.join(", ", r.key()))).append("</p>\n");
        if (r.violations().isEmpty()) {
            h.append("<p class=\"ok\">All thresholds passed.</p>\n");
        } else {
            h.append("<p class=\"bad\">Thresholds exceeded:</p><ul>");
            r.violations().forEach(v -> h.append("<li class=\"bad\">").append(esc(v)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Rows and keys</h2><table><tr><th></th><th>").append(esc(r.leftName())).append("</th><th>")
                .append(esc(r.rightName())).append("</th></tr>");
        row(h, "rows", r.leftRows(), r.rightRows());
        row(h, "duplicate keys", r.leftDuplicateKeys(), r.rightDuplicateKeys());
        row(h, "keys on this side only", r.onlyLeftKeys(), r.onlyRightKeys());
        row(h, "join rate (keys found on the other side)", r.leftJoinRate(), r.rightJoinRate());
        h.append("</table><p>Keys on both sides: ").append(r.bothKeys()).append("; share of keys on one side only: ")
                .append(num(r.onlyOneSideRate())).append("</p>\n");
        if (!r.labels().isEmpty()) {
            h.append("<h2>Positive rate</h2><table><tr><th>label</th><th>").append(esc(r.leftName())).append("</th><th>")
                    .append(esc(r.rightName())).append("</th><th>|diff|</th></tr>");
            for (LabelRate l : r.labels()) {
                h.append("<tr><td class=\"l\">").append(esc(l.label())).append("</td><td>").append(num(l.left()))
                        .append("</td><td>").append(num(l.right())).append("</td><td>").append(num(l.diff())).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        Map<String, List<TimePoint>> byLabel = new LinkedHashMap<>();
        r.positiveRateOverTime().forEach(p -> byLabel.computeIfAbsent(p.label(), k -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<TimePoint>> e : byLabel.entrySet()) {
            h.append("<h3>Positive rate over time: ").append(esc(e.getKey())).append("</h3>\n");
            h.append(lineChart(e.getValue(), r.leftName(), r.rightName()));
        }
        if (!r.features().isEmpty()) {
            h.append("<h2>Feature consistency</h2>\n").append(barChart(r.features()));
            h.append("<table><tr><th>feature</th><th>match</th><th>mismatch</th><th>only ").append(esc(r.leftName()))
                    .append("</th><th>only ").append(esc(r.rightName())).append("</th><th>mismatch rate</th></tr>");
            for (FeatureConsistency f : r.features()) {
                h.append("<tr><td class=\"l\">").append(esc(f.feature())).append("</td><td>").append(f.match())
                        .append("</td><td>").append(f.mismatch()).append("</td><td>").append(f.onlyLeft()).append("</td><td>")
                        .append(f.onlyRight()).append("</td><td>").append(num(f.mismatchRate())).append("</td></tr>");
            }
            h.append("</table>\n<h2>Worst examples</h2>\n");
            for (FeatureConsistency f : r.features()) {
                if (f.worst().isEmpty()) {
                    continue;
                }
                h.append("<h3>").append(esc(f.feature())).append("</h3><table><tr><th>key</th><th>")
                        .append(esc(r.leftName())).append("</th><th>").append(esc(r.rightName())).append("</th><th>|diff|</th></tr>");
                for (Example x : f.worst()) {
                    h.append("<tr><td class=\"l\">").append(esc(x.key().toString())).append("</td><td class=\"l\">")
                            .append(esc(String.valueOf(x.left()))).append("</td><td class=\"l\">").append(esc(String.valueOf(x.right())))
                            .append("</td><td>").append(x.absDiff() == null ? "" : num(x.absDiff())).append("</td></tr>");
                }
                h.append("</table>\n");
            }
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Positive rate per time bucket, one polyline per side, on a 0..max y axis. */
    static String lineChart(List<TimePoint> points, String leftName, String rightName) {
        int width = 720;
        int height = 240;
        int pad = 40;
        long minT = points.stream().mapToLong(TimePoint::bucketStartMillis).min().orElse(0);
        long maxT = points.stream().mapToLong(TimePoint::bucketStartMillis).max().orElse(1);
        double maxY = 0;
        for (TimePoint p : points) {
            maxY = Math.max(maxY, Math.max(p.left() == null ? 0 : p.left(), p.right() == null ? 0 : p.right()));
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.1;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\"><rect width=\"100%\" height=\"100%\" fill=\"white\" stroke=\"#ccc\"/>");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", pad, height - pad, width - 10, height - pad));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", pad, pad, height - pad));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"16\" font-size=\"11\">%s</text>", num(maxY)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", pad, height - 22, esc(Instant.ofEpochMilli(minT).toString())));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>", width - 10, height - 22, esc(Instant.ofEpochMilli(maxT).toString())));
        for (int side = 0; side < 2; side++) {
            StringBuilder line = new StringBuilder();
            for (TimePoint p : points) {
                Double y = side == 0 ? p.left() : p.right();
                if (y == null) {
                    continue;
                }
                double x = pad + (maxT == minT ? 0.5 : (double) (p.bucketStartMillis() - minT) / (maxT - minT)) * (width - pad - 20);
                double py = (height - pad) - y / maxY * (height - pad - 20);
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, py));
            }
            String color = side == 0 ? LEFT_COLOR : RIGHT_COLOR;
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"")
                    .append(line.toString().trim()).append("\"/>");
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>", pad + 10, height - 6, LEFT_COLOR, esc(leftName)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>", pad + 200, height - 6, RIGHT_COLOR, esc(rightName)));
        return svg.append("</svg>\n").toString();
    }

    /** One horizontal bar per feature: its mismatch rate on a 0..1 scale. */
    static String barChart(List<FeatureConsistency> features) {
        int barHeight = 18;
        int labelWidth = 260;
        int barWidth = 420;
        int height = features.size() * (barHeight + 4) + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelWidth + barWidth + 80).append("\" height=\"")
                .append(height).append("\" role=\"img\">");
        int y = 5;
        for (FeatureConsistency f : features) {
            double w = Math.max(0, Math.min(1, f.mismatchRate())) * barWidth;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>",
                    labelWidth - 6, y + 13, esc(f.feature())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#eee\"/>", labelWidth, y, barWidth, barHeight));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                    labelWidth, y, w, barHeight, f.mismatchRate() > 0 ? "#d62728" : "#2ca02c"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", labelWidth + barWidth + 6, y + 13, num(f.mismatchRate())));
            y += barHeight + 4;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void row(StringBuilder h, String name, Object left, Object right) {
        h.append("<tr><td class=\"l\">").append(esc(name)).append("</td><td>").append(fmt(left)).append("</td><td>")
                .append(fmt(right)).append("</td></tr>");
    }

    private static String fmt(Object value) {
        return value instanceof Double d ? num(d) : esc(String.valueOf(value));
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
