package io.pensu.flink.job;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.DetectorSettings;
import io.pensu.flink.detect.DetectorTestBase;
import io.pensu.flink.detect.MetricDetector;
import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;
import io.pensu.flink.output.AnomalyReports;
import io.pensu.flink.output.GraphiteLines;
import io.pensu.flink.output.KeyedText;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Configuration, input and expected output shared by the job's integration tests and the end-to-end
 * tests (e2e module).
 */
public final class JobTestSupport {

    private JobTestSupport() {}

    /** The job's environment variables for one test, with topics of its own. */
    static Map<String, String> environment(KafkaTestCluster kafka, String suffix) {
        return environment(kafka.bootstrapServers(), suffix);
    }

    /** The job's environment variables for one test on the broker at {@code bootstrapServers}. */
    public static Map<String, String> environment(String bootstrapServers, String suffix) {
        Map<String, String> env = new HashMap<>();
        env.put("PENSU_KAFKA_CONSUMER_SERVER", bootstrapServers);
        env.put("PENSU_KAFKA_PRODUCER_SERVER", bootstrapServers);
        env.put("PENSU_METRICS_KAFKA_TOPIC", "metrics-" + suffix);
        env.put("PENSU_ANOMALIES_METRICS_KAFKA_TOPIC", "anomalies-" + suffix);
        env.put("PENSU_PREDICTION_METRICS_KAFKA_TOPIC", "predictions-" + suffix);
        env.put("PENSU_REPORTED_ANOMALIES_KAFKA_TOPIC", "reports-" + suffix);
        env.put("PENSU_DEAD_LETTER_KAFKA_TOPIC", "dead-letters-" + suffix);
        env.put("PENSU_TOPICS_KAFKA_TOPIC", "heartbeats-" + suffix);
        env.put("PENSU_KAFKA_CONSUMER_GROUP", "pensu-" + suffix);
        env.put("PENSU_TRANSACTIONAL_ID_PREFIX", "pensu-" + suffix);
        env.put("PENSU_CHECKPOINT_INTERVAL", "1");
        env.put(
                "PENSU_ENCODER_LEARNING_SAMPLES",
                Integer.toString(DetectorTestBase.LEARNING_SAMPLES));
        env.put("PENSU_SNAPSHOT_INTERVAL_SAMPLES", "25");
        env.put("PENSU_PREDICTION_STEPS", "3");
        env.put("PENSU_LIKELIHOOD_LEARNING_PERIOD", "30");
        env.put("PENSU_LIKELIHOOD_ESTIMATION_SAMPLES", "10");
        env.put("PENSU_LIKELIHOOD_HISTORY", "200");
        env.put("PENSU_LIKELIHOOD_REESTIMATION_PERIOD", "10");
        env.put("PENSU_MODEL_PARAMETERS", DetectorTestBase.SMALL_NETWORK);
        env.put("PENSU_HTM_ENGINE", DetectorTestBase.ENGINE);
        env.put("PENSU_TOPICS_REPORT_INTERVAL", "0");
        // These tests feed each metric in order (keyed, one partition), as arrival order needs;
        // EventTimeOrderITCase sets a bound and feeds the same samples however a producer would.
        env.put("PENSU_MAX_OUT_OF_ORDERNESS", "0");
        return env;
    }

    public static List<String> outputTopics(PensuConfig config) {
        return List.of(
                config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC),
                config.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC),
                config.get(Settings.REPORTED_ANOMALIES_KAFKA_TOPIC),
                config.get(Settings.DEAD_LETTER_KAFKA_TOPIC),
                config.get(Settings.TOPICS_KAFKA_TOPIC));
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One Kafka record per sample, as a carbon client that does not batch would send. */
    public static List<byte[]> carbonRecords(List<Sample> samples) {
        return samples.stream().map(s -> utf8(s.line())).collect(Collectors.toList());
    }

    /** What an uninterrupted run of the detector on one subtask gives for these samples. */
    public static List<Detection> uninterrupted(PensuConfig config, List<Sample> samples)
            throws Exception {
        DetectorSettings settings = DetectionTopology.detectorSettings(config);
        try (KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new MetricDetector(settings)),
                        Sample::metric,
                        Types.STRING)) {
            harness.open();
            for (Sample s : samples) {
                harness.processElement(new StreamRecord<>(s));
            }
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    /** Expected record values per Kafka key, in order, for each Graphite and report topic. */
    public static Map<String, Map<String, List<String>>> expectedOutputs(
            PensuConfig config, List<Detection> detections) {
        GraphiteLines graphite = new GraphiteLines(config.get(Settings.METRIC_NAMES_TEMPLATE));
        List<KeyedText> anomalies = new ArrayList<>();
        List<KeyedText> predictions = new ArrayList<>();
        List<KeyedText> reports = new ArrayList<>();
        for (Detection d : detections) {
            anomalies.addAll(graphite.anomalyLines(d));
            predictions.addAll(graphite.predictionLines(d));
            if (d.anomalous()) {
                reports.add(AnomalyReports.toJson(d));
            }
        }
        return Map.of(
                config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC), byKey(anomalies),
                config.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC), byKey(predictions),
                config.get(Settings.REPORTED_ANOMALIES_KAFKA_TOPIC), byKey(reports));
    }

    public static Map<String, List<String>> byKey(List<KeyedText> records) {
        return records.stream()
                .collect(
                        Collectors.groupingBy(
                                r -> String.valueOf(r.key()),
                                java.util.TreeMap::new,
                                Collectors.mapping(KeyedText::value, Collectors.toList())));
    }

    public static int total(Map<String, List<String>> byKey) {
        return byKey.values().stream().mapToInt(List::size).sum();
    }
}
