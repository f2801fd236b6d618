package io.pensu.flink.output;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.Prediction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnomalyReportsTest {

    private static final String METRIC = "webservers.main-website.perf.cpu.usage";
    private static final long AT = 1_587_617_182_000L;

    @Test
    void writesTheReportWithItsFieldsInOrder() {
        Detection detection =
                new Detection(
                        METRIC,
                        AT,
                        93.5,
                        0.995,
                        0.999995,
                        false,
                        true,
                        1,
                        41.25,
                        new Prediction(AT + 5_000L, 42.0, 0.93));

        KeyedText report = AnomalyReports.toJson(detection);

        assertThat(report.key()).isEqualTo(METRIC);
        assertThat(report.value())
                .isEqualTo(
                        "{\"report_id\":\"c7687ca6-0287-3407-ba44-88f165ae611c\","
                                + "\"reporter\":\"pensu\","
                                + "\"metric\":{\"name\":\"webservers.main-website.perf.cpu.usage\","
                                + "\"family\":\"webservers.main-website.perf.cpu\","
                                + "\"item\":\"usage\"},"
                                + "\"meta_data\":{\"htm_anomaly_score\":0.995,"
                                + "\"htm_anomaly_likelihood\":0.999995,"
                                + "\"anomaly_score\":99.9995,"
                                + "\"spatial_anomaly\":false,"
                                + "\"timestamp\":\"2020-04-23T04:46:22Z\","
                                + "\"metric\":\"webservers.main-website.perf.cpu.usage\","
                                + "\"value\":93.5,"
                                + "\"expected_value\":41.25,"
                                + "\"prediction\":{\"timestamp\":\"2020-04-23T04:46:27Z\","
                                + "\"value\":42.0,"
                                + "\"confidence_level\":0.93}}}");
    }

    @Test
    void writesNullsForAMissingExpectedValueAndPrediction() {
        Detection detection =
                new Detection("a.b", AT + 250L, 7.0, 1.0, 1.0, true, true, -1, null, null);

        assertThat(AnomalyReports.toJson(detection).value())
                .endsWith(
                        "\"meta_data\":{\"htm_anomaly_score\":1.0,"
                                + "\"htm_anomaly_likelihood\":1.0,"
                                + "\"anomaly_score\":-100.0,"
                                + "\"spatial_anomaly\":true,"
                                + "\"timestamp\":\"2020-04-23T04:46:22.250Z\","
                                + "\"metric\":\"a.b\","
                                + "\"value\":7.0,"
                                + "\"expected_value\":null,"
                                + "\"prediction\":null}}");
    }

    @Test
    void writesNonFiniteNumbersAsNull() {
        Detection detection =
                new Detection(
                        "a.b",
                        AT,
                        7.0,
                        1.0,
                        1.0,
                        true,
                        true,
                        1,
                        Double.NaN,
                        new Prediction(AT, Double.NaN, 0.5));

        assertThat(AnomalyReports.toJson(detection).value())
                .contains("\"expected_value\":null")
                .contains("\"value\":null,\"confidence_level\":0.5");
    }

    @Test
    void derivesTheReportIdFromMetricAndTimestampOnly() {
        String first = reportId(new Detection("a.b", AT, 1, 0.1, 0.2, false, true, 1, null, null));
        String sameSample =
                reportId(new Detection("a.b", AT, 9, 0.9, 0.9, true, true, -1, 2.0, null));
        String otherTime =
                reportId(new Detection("a.b", AT + 1, 1, 0.1, 0.2, false, true, 1, null, null));
        String otherMetric =
                reportId(new Detection("a.c", AT, 1, 0.1, 0.2, false, true, 1, null, null));

        assertThat(sameSample).isEqualTo(first);
        assertThat(first).isNotIn(otherTime, otherMetric);
        assertThat(otherTime).isNotEqualTo(otherMetric);
    }

    private static String reportId(Detection detection) {
        String json = AnomalyReports.toJson(detection).value();
        return json.substring("{\"report_id\":\"".length(), json.indexOf("\",\"reporter\""));
    }
}
