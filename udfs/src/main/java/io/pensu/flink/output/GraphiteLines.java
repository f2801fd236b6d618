package io.pensu.flink.output;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.Prediction;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a detection as Graphite plaintext lines ({@code name value timestamp}), named from
 * PENSU_METRIC_NAMES_TEMPLATE and keyed by the input metric name. Numbers are plain decimals
 * without exponent or trailing zeros, the way Graphite users read them.
 */
public final class GraphiteLines implements Serializable {

    public static final String PLACEHOLDER = "{{#anomaly_metric}}";
    public static final String DEFAULT_TEMPLATE = "pensu." + PLACEHOLDER + ".metrics_analyzer";

    private static final List<String> KINDS =
            List.of(
                    "anomaly_score",
                    "anomaly_likelihood",
                    "anomaly_direction",
                    "prediction",
                    "prediction_confidence");

    /** The template filled in once per kind of line, not for every line written. */
    private final Map<String, String> names;

    /**
     * @throws IllegalArgumentException when the template lacks {@value #PLACEHOLDER}: every output
     *     series would then have the same name
     */
    public GraphiteLines(String template) {
        if (!template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException(
                    "PENSU_METRIC_NAMES_TEMPLATE must contain "
                            + PLACEHOLDER
                            + ", got '"
                            + template
                            + "'");
        }
        this.names =
                Map.copyOf(
                        KINDS.stream()
                                .collect(
                                        Collectors.toMap(
                                                kind -> kind,
                                                kind -> template.replace(PLACEHOLDER, kind))));
    }

    /** Anomaly score, likelihood and direction, at the sample's timestamp. */
    public List<KeyedText> anomalyLines(Detection detection) {
        String metric = detection.metric();
        long at = detection.timestampMillis();
        List<KeyedText> lines = new ArrayList<>(3);
        addLine(lines, "anomaly_score", metric, detection.anomalyScore(), at);
        addLine(lines, "anomaly_likelihood", metric, detection.anomalyLikelihood(), at);
        addLine(lines, "anomaly_direction", metric, detection.direction(), at);
        return lines;
    }

    /** The predicted value and its confidence at the predicted timestamp; none without one. */
    public List<KeyedText> predictionLines(Detection detection) {
        Prediction prediction = detection.prediction();
        if (prediction == null) {
            return List.of();
        }
        String metric = detection.metric();
        long at = prediction.timestampMillis();
        List<KeyedText> lines = new ArrayList<>(2);
        addLine(lines, "prediction", metric, prediction.value(), at);
        addLine(lines, "prediction_confidence", metric, prediction.confidence(), at);
        return lines;
    }

    private void addLine(
            List<KeyedText> lines, String kind, String metric, double value, long timestampMillis) {
        // Graphite cannot store NaN or infinity; a missing point is how it shows "no value".
        if (Double.isFinite(value)) {
            String name = names.get(kind) + "." + metric;
            lines.add(
                    new KeyedText(
                            metric,
                            name + " " + plain(value) + " " + epochSeconds(timestampMillis)));
        }
    }

    /**
     * The shortest decimal that reads back as {@code value}, without exponent or trailing zeros:
     * {@code BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()}, which is what it
     * computes for values that {@link Double#toString} writes with an exponent. The others, nearly
     * every value, only lose their trailing zeros, without the cost of a BigDecimal.
     */
    static String plain(double value) {
        if (value == 0) {
            return "0";
        }
        String shortest = Double.toString(value);
        if (shortest.indexOf('E') >= 0) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        int end = shortest.length();
        while (shortest.charAt(end - 1) == '0') {
            end--;
        }
        if (shortest.charAt(end - 1) == '.') {
            end--;
        }
        return shortest.substring(0, end);
    }

    /** Whole seconds as an integer, fractions as a decimal without trailing zeros. */
    static String epochSeconds(long timestampMillis) {
        if (timestampMillis % 1000 == 0) {
            return Long.toString(timestampMillis / 1000);
        }
        return BigDecimal.valueOf(timestampMillis, 3).stripTrailingZeros().toPlainString();
    }
}
