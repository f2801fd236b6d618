package io.pensu.flink.output;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.Prediction;

import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GraphiteLinesTest {

    private static final String METRIC = "webservers.main-website.perf.cpu.usage";
    private static final long AT = 1_587_617_182_000L;

    private final GraphiteLines graphite = new GraphiteLines(GraphiteLines.DEFAULT_TEMPLATE);

    @Test
    void writesScoreLikelihoodAndDirectionAtTheSampleTimestamp() {
        assertThat(graphite.anomalyLines(detection(0.025, 0.5, -1, null)))
                .containsExactly(
                        new KeyedText(
                                METRIC,
                                "pensu.anomaly_score.metrics_analyzer."
                                        + METRIC
                                        + " 0.025 1587617182"),
                        new KeyedText(
                                METRIC,
                                "pensu.anomaly_likelihood.metrics_analyzer."
                                        + METRIC
                                        + " 0.5 1587617182"),
                        new KeyedText(
                                METRIC,
                                "pensu.anomaly_direction.metrics_analyzer."
                                        + METRIC
                                        + " -1 1587617182"));
    }

    @Test
    void writesPredictionAndConfidenceAtThePredictedTimestamp() {
        Detection detection = detection(0.025, 0.5, 0, new Prediction(AT + 5_000L, 59.0, 0.93));

        assertThat(graphite.predictionLines(detection))
                .containsExactly(
                        new KeyedText(
                                METRIC,
                                "pensu.prediction.metrics_analyzer." + METRIC + " 59 1587617187"),
                        new KeyedText(
                                METRIC,
                                "pensu.prediction_confidence.metrics_analyzer."
                                        + METRIC
                                        + " 0.93 1587617187"));
    }

    @Test
    void writesNoPredictionLinesWithoutAPrediction() {
        assertThat(graphite.predictionLines(detection(0.025, 0.5, 0, null))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "0.5, 0.5",
        "0, 0",
        "-0.0, 0",
        "59, 59",
        "0.000012, 0.000012",
        "1e-10, 0.0000000001",
        "-1, -1",
        "123456.789, 123456.789",
        "1e21, 1000000000000000000000",
        "0.1, 0.1"
    })
    void writesValuesAsPlainDecimals(double value, String expected) {
        assertThat(predictedValueToken(value, AT)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "1587617182000, 1587617182",
        "1587617180000, 1587617180",
        "1587617182500, 1587617182.5",
        "1587617182120, 1587617182.12",
        "1587617182001, 1587617182.001",
        "0, 0"
    })
    void writesTimestampsAsEpochSecondsWithMillisOnlyWhenPresent(long millis, String expected) {
        String line =
                graphite.predictionLines(detection(0, 0, 0, new Prediction(millis, 1, 1)))
                        .get(0)
                        .value();

        assertThat(line.substring(line.lastIndexOf(' ') + 1)).isEqualTo(expected);
    }

    @Test
    void leavesOutLinesWhoseValueIsNotFinite() {
        Detection detection =
                detection(Double.NaN, 0.5, 0, new Prediction(AT, Double.POSITIVE_INFINITY, 0.9));

        assertThat(graphite.anomalyLines(detection))
                .extracting(KeyedText::value)
                .containsExactly(
                        "pensu.anomaly_likelihood.metrics_analyzer." + METRIC + " 0.5 1587617182",
                        "pensu.anomaly_direction.metrics_analyzer." + METRIC + " 0 1587617182");
        assertThat(graphite.predictionLines(detection))
                .extracting(KeyedText::value)
                .containsExactly(
                        "pensu.prediction_confidence.metrics_analyzer."
                                + METRIC
                                + " 0.9 1587617182");
    }

    @Test
    void namesSeriesFromACustomTemplate() {
        GraphiteLines custom = new GraphiteLines("htm.{{#anomaly_metric}}");

        assertThat(custom.anomalyLines(detection(0.025, 0.5, 1, null)).get(2).value())
                .isEqualTo("htm.anomaly_direction." + METRIC + " 1 1587617182");
    }

    @Test
    void writesTheSameLinesAfterBeingShippedToATaskManager() throws Exception {
        Detection detection = detection(0.025, 0.5, 1, new Prediction(AT, 59.0, 0.93));

        GraphiteLines copy = InstantiationUtil.clone(new GraphiteLines("htm.{{#anomaly_metric}}"));

        assertThat(copy.anomalyLines(detection))
                .isEqualTo(new GraphiteLines("htm.{{#anomaly_metric}}").anomalyLines(detection));
    }

    @Test
    void refusesATemplateWithoutThePlaceholder() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GraphiteLines("pensu.metrics_analyzer"))
                .withMessage(
                        "PENSU_METRIC_NAMES_TEMPLATE must contain {{#anomaly_metric}}, got"
                                + " 'pensu.metrics_analyzer'");
    }

    @Test
    void writesEveryNumberAsBigDecimalsPlainStringWithoutTrailingZeros() {
        SplittableRandom random = new SplittableRandom(12);
        List<Double> values =
                new ArrayList<>(
                        List.of(
                                0.0,
                                -0.0,
                                1.0,
                                -1.0,
                                100.0,
                                1e-3,
                                9.99e-4,
                                1e7,
                                9_999_999.5,
                                1e-300,
                                Double.MIN_VALUE,
                                Double.MAX_VALUE,
                                123456789.125));
        for (int i = 0; i < 200_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(random.nextDouble(-1e9, 1e9));
            values.add(Math.round(random.nextDouble(-1e6, 1e6) * 100) / 100.0);
            values.add(random.nextDouble());
        }
        for (double value : values) {
            if (Double.isFinite(value)) {
                assertThat(GraphiteLines.plain(value))
                        .as("%s", value)
                        .isEqualTo(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
            }
        }
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(-10_000_000_000_000L, 300_000_000_000_000L);
            for (long at : new long[] {millis, millis - millis % 1000}) {
                assertThat(GraphiteLines.epochSeconds(at))
                        .as("%d", at)
                        .isEqualTo(BigDecimal.valueOf(at, 3).stripTrailingZeros().toPlainString());
            }
        }
    }

    private String predictedValueToken(double value, long millis) {
        String line =
                graphite.predictionLines(detection(0, 0, 0, new Prediction(millis, value, 1)))
                        .get(0)
                        .value();
        return line.split(" ")[1];
    }

    private static Detection detection(
            double score, double likelihood, int direction, Prediction prediction) {
        return new Detection(
                METRIC, AT, 59.0, score, likelihood, false, false, direction, null, prediction);
    }
}
