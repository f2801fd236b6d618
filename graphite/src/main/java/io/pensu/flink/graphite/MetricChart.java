package io.pensu.flink.graphite;

import io.pensu.flink.charts.Html;
import io.pensu.flink.charts.Panel;
import io.pensu.flink.charts.SvgChart;

import java.time.Instant;
import java.util.Locale;

/**
 * One metric's chart: the value with the prediction for it above; the anomaly likelihood, raw score
 * and prediction confidence with the thresholds below; the job's anomalies as red lines through
 * both, and likelihoods over the threshold as red dots.
 */
final class MetricChart {

    static final String VALUE = "#1f77b4";
    static final String PREDICTION = "#ff7f0e";
    static final String LIKELIHOOD = "#9467bd";
    static final String SCORE = "#7f7f7f";
    static final String CONFIDENCE = "#2ca02c";
    static final String ANOMALY = "#d62728";

    private static final int WIDTH = 1200;
    private static final int VALUE_HEIGHT = 220;
    private static final int SCORE_HEIGHT = 120;
    private static final int GAP = 16;

    private final double likelihoodThreshold;
    private final double scoreThreshold;

    MetricChart(double likelihoodThreshold, double scoreThreshold) {
        this.likelihoodThreshold = likelihoodThreshold;
        this.scoreThreshold = scoreThreshold;
    }

    /** An HTML section with the chart, anchored at the metric's name. */
    String section(MetricSeries m) {
        long[] time = m.timeRange();
        return String.format(
                Locale.ROOT,
                "<section id=\"%s\"><h2>%s</h2><p>%s .. %s; %d anomalies (red lines), %d"
                        + " likelihoods &ge; %s (red dots)</p>%s</section>",
                Html.escape(m.metric()),
                Html.escape(m.metric()),
                Instant.ofEpochSecond(time[0]),
                Instant.ofEpochSecond(time[1]),
                m.anomalies().size(),
                m.likelihoodAtLeast(likelihoodThreshold).length,
                number(likelihoodThreshold),
                svg(m));
    }

    /** The chart alone, an SVG document. */
    String svg(MetricSeries m) {
        long[] time = m.timeRange();
        double[] range = m.valueRange();
        SvgChart chart = new SvgChart(WIDTH, GAP, time[0], time[1]);
        Panel values = chart.addPanel(VALUE_HEIGHT, range[0], range[1]);
        Panel scores = chart.addPanel(SCORE_HEIGHT, 0, 1);
        draw(values, m.get(SeriesKind.VALUE), VALUE, 1.5);
        draw(values, m.get(SeriesKind.PREDICTION), PREDICTION, 1);
        scores.horizontalLine(likelihoodThreshold, LIKELIHOOD);
        scores.horizontalLine(scoreThreshold, SCORE);
        draw(scores, m.get(SeriesKind.PREDICTION_CONFIDENCE), CONFIDENCE, 1);
        draw(scores, m.get(SeriesKind.ANOMALY_SCORE), SCORE, 1);
        draw(scores, m.get(SeriesKind.ANOMALY_LIKELIHOOD), LIKELIHOOD, 1.5);
        TimeSeries anomalies = m.anomalies();
        for (long at : anomalies.timestamps()) {
            values.verticalLine(at, ANOMALY, 1.5);
            scores.verticalLine(at, ANOMALY, 1.5);
        }
        for (long at : m.likelihoodAtLeast(likelihoodThreshold)) {
            scores.dot(at, m.get(SeriesKind.ANOMALY_LIKELIHOOD).valueAt(at), ANOMALY);
        }
        values.label(
                String.format(
                        Locale.ROOT,
                        "value and prediction, %s .. %s",
                        number(range[0]),
                        number(range[1])));
        scores.label("anomaly likelihood, score and prediction confidence, 0 .. 1");
        return chart.toSvg();
    }

    /** What the colours and dashed lines of the charts stand for, an HTML fragment. */
    String legend() {
        return String.format(
                Locale.ROOT,
                "<span style=\"color:%s\">value</span>, <span style=\"color:%s\">prediction</span>;"
                        + " <span style=\"color:%s\">anomaly likelihood</span> (dashed: %s), <span"
                        + " style=\"color:%s\">anomaly score</span> (dashed: %s), <span"
                        + " style=\"color:%s\">prediction confidence</span>; <span"
                        + " style=\"color:%s\">anomalies</span>.",
                VALUE,
                PREDICTION,
                LIKELIHOOD,
                number(likelihoodThreshold),
                SCORE,
                number(scoreThreshold),
                CONFIDENCE,
                ANOMALY);
    }

    private static void draw(Panel panel, TimeSeries series, String colour, double width) {
        panel.line(series.times(), series.values(), colour, width);
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+(e|$)", "$1");
    }
}
