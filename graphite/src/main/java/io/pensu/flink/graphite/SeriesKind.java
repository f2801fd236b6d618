package io.pensu.flink.graphite;

/** The Graphite series charted per input metric: its own value and the job's five outputs. */
public enum SeriesKind {
    VALUE(null),
    PREDICTION("prediction"),
    PREDICTION_CONFIDENCE("prediction_confidence"),
    ANOMALY_LIKELIHOOD("anomaly_likelihood"),
    ANOMALY_SCORE("anomaly_score"),
    ANOMALY_DIRECTION("anomaly_direction");

    /** The job's PENSU_METRIC_NAMES_TEMPLATE default (GraphiteLines.DEFAULT_TEMPLATE). */
    public static final String DEFAULT_TEMPLATE = "pensu.{{#anomaly_metric}}.metrics_analyzer";

    static final String PLACEHOLDER = "{{#anomaly_metric}}";

    private final String outputName;

    SeriesKind(String outputName) {
        this.outputName = outputName;
    }

    /** The Graphite name of this series of an input metric, as the job names its output. */
    public String seriesName(String template, String metric) {
        return outputName == null
                ? metric
                : template.replace(PLACEHOLDER, outputName) + "." + metric;
    }
}
