package io.pensu.flink.job;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.pensu.flink.job.JobTestSupport.carbonRecords;
import static io.pensu.flink.job.JobTestSupport.environment;
import static io.pensu.flink.job.JobTestSupport.expectedOutputs;
import static io.pensu.flink.job.JobTestSupport.total;
import static io.pensu.flink.job.JobTestSupport.uninterrupted;
import static io.pensu.flink.job.JobTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** The production job on a MiniCluster against a real Kafka broker. */
class DetectionJobITCase extends KafkaJobTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PensuConfig config(Map<String, String> env) {
        return PensuConfig.load(env, new String[0]);
    }

    private static JobClient start(PensuConfig config, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        PensuJob.defineJob(env, config);
        return env.executeAsync("pensu-it");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exactly-once", "at-least-once"})
    void turnsCarbonLinesIntoGraphiteLinesReportsAndDeadLetters(String guarantee) throws Exception {
        Map<String, String> env = environment(kafka, "lines-" + guarantee);
        env.put("PENSU_DELIVERY_GUARANTEE", guarantee);
        env.put("PENSU_ALLOWED_TO_WORK_ON_METRICS", "web\\.");
        env.put("PENSU_MAX_RECORD_BYTES", "10000");
        PensuConfig config = config(env);
        createTopics(config);

        List<Sample> samples = interleaved(60, "web.cpu", "web.mem");
        List<byte[]> records = new ArrayList<>(carbonRecords(samples.subList(0, 100)));
        records.add(utf8(samples.get(100).line() + "\n" + samples.get(101).line() + "\n"));
        records.add(utf8("db.queries 5 1587617160"));
        records.add(utf8(""));
        records.add(utf8("web.cpu 1"));
        records.add(utf8("nodot 1 1587617160"));
        records.add(utf8("web.cpu x 1587617160"));
        records.add(utf8("web.cpu nan 1587617160"));
        records.add(utf8("web.cpu 1 yesterday"));
        records.add(utf8("web.cpu 1 1587617160000"));
        records.add(utf8("web.cpu 1 1587617160 " + "x".repeat(5000)));
        records.add(new byte[] {'w', '.', 'c', ' ', (byte) 0xC3, (byte) 0x28, ' ', '1'});
        records.add(utf8("web.c\u0000pu 1 1587617160"));
        records.add(utf8("web..cpu 1 1587617160"));
        records.add(utf8("web." + "c".repeat(300) + " 1 1587617160"));
        records.add(utf8("web.cpu 1 17000000000"));
        records.add(utf8("web.cpu 1 1587617160\n".repeat(500)));
        records.add(utf8(sample("web.cpu", 3).line()));
        records.add(utf8(sample("web.cpu", 50).line()));
        records.addAll(carbonRecords(samples.subList(102, samples.size())));
        kafka.produce(config.get(Settings.METRICS_KAFKA_TOPIC), 0, records);
        // Outputs derived from a record without a timestamp once failed the job on every restore.
        kafka.produceWithoutTimestamp(
                config.get(Settings.METRICS_KAFKA_TOPIC), 0, utf8("notimestamp 1 1587617160"));
        assertThat(
                        kafka.drain(
                                        config.get(Settings.METRICS_KAFKA_TOPIC),
                                        records.size() + 1,
                                        TIMEOUT,
                                        Duration.ZERO)
                                .get(records.size())
                                .timestamp())
                .isEqualTo(RecordBatch.NO_TIMESTAMP);

        Map<String, Map<String, List<String>>> expected =
                expectedOutputs(config, uninterrupted(config, samples));
        JobClient job = start(config, 2);
        try {
            for (var topic : expected.entrySet()) {
                List<ConsumerRecord<String, String>> actual =
                        kafka.drain(topic.getKey(), total(topic.getValue()), TIMEOUT, SETTLE);
                assertThat(KafkaTestCluster.valuesByKey(actual))
                        .as(topic.getKey())
                        .isEqualTo(topic.getValue());
            }
            List<JsonNode> deadLetters = new ArrayList<>();
            for (var r :
                    kafka.drain(
                            config.get(Settings.DEAD_LETTER_KAFKA_TOPIC), 17, TIMEOUT, SETTLE)) {
                deadLetters.add(JSON.readTree(r.value()));
            }
            assertThat(deadLetters)
                    .extracting(d -> d.get("reason").asText())
                    .containsExactlyInAnyOrder(
                            "empty",
                            "wrong_token_count",
                            "name_without_dot",
                            "unparsable_value",
                            "non_finite_value",
                            "unparsable_timestamp",
                            "timestamp_out_of_range",
                            "oversized_line",
                            "invalid_utf8",
                            "name_with_invalid_character",
                            "name_with_empty_component",
                            "name_with_oversized_component",
                            "timestamp_ahead_of_record",
                            "oversized_record",
                            "name_without_dot",
                            "out_of_order",
                            "duplicate_timestamp");
            JsonNode outOfOrder =
                    deadLetters.stream()
                            .filter(d -> d.get("reason").asText().equals("out_of_order"))
                            .findFirst()
                            .orElseThrow();
            assertThat(outOfOrder.get("raw").asText()).isEqualTo(sample("web.cpu", 3).line());
            assertThat(outOfOrder.get("source").get("topic").asText())
                    .isEqualTo(config.get(Settings.METRICS_KAFKA_TOPIC));
            assertThat(outOfOrder.get("source").get("offset").asLong()).isEqualTo(116L);
            JsonNode withoutTimestamp =
                    deadLetters.stream()
                            .filter(d -> d.get("raw").asText().startsWith("notimestamp"))
                            .findFirst()
                            .orElseThrow();
            assertThat(withoutTimestamp.get("source").get("offset").asLong())
                    .isEqualTo(records.size());
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void writesGraphiteLinesInPensusFormat() throws Exception {
        PensuConfig config = config(environment(kafka, "format"));
        List<Sample> samples = interleaved(LEARNING_SAMPLES + 1, "servers.web1.cpu");
        List<Detection> detections = uninterrupted(config, samples);
        Map<String, Map<String, List<String>>> expected = expectedOutputs(config, detections);

        List<String> anomalyLines =
                expected.get(config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC))
                        .get("servers.web1.cpu");
        assertThat(anomalyLines).hasSize(3 * samples.size());
        assertThat(anomalyLines.subList(0, 3))
                .containsExactly(
                        "pensu.anomaly_score.metrics_analyzer.servers.web1.cpu 1 1587617160",
                        "pensu.anomaly_likelihood.metrics_analyzer.servers.web1.cpu 0.5"
                                + " 1587617160",
                        "pensu.anomaly_direction.metrics_analyzer.servers.web1.cpu 0"
                                + " 1587617160");
        List<String> predictionLines =
                expected.get(config.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC))
                        .get("servers.web1.cpu");
        assertThat(predictionLines).hasSize(2 * (samples.size() - 1));
        assertThat(predictionLines.get(0))
                .startsWith("pensu.prediction.metrics_analyzer.servers.web1.cpu ")
                .endsWith(" " + (1587617160 + 60 + 3 * 60));
        assertThat(predictionLines.get(1))
                .startsWith("pensu.prediction_confidence.metrics_analyzer.servers.web1.cpu ");
        assertThat(
                        predictionLines.stream()
                                .map(l -> l.split(" ")[0].split("\\.")[1])
                                .distinct()
                                .collect(Collectors.toList()))
                .containsExactly("prediction", "prediction_confidence");
    }

    @Test
    void sendsTheMonitoredTopicNameAsHeartbeat() throws Exception {
        Map<String, String> env = environment(kafka, "heartbeat");
        env.put("PENSU_TOPICS_REPORT_INTERVAL", "1");
        PensuConfig config = config(env);
        createTopics(config);
        JobClient job = start(config, 1);
        try {
            List<ConsumerRecord<String, String>> beats =
                    kafka.drain(config.get(Settings.TOPICS_KAFKA_TOPIC), 2, TIMEOUT, Duration.ZERO);
            assertThat(beats)
                    .extracting(ConsumerRecord::value)
                    .contains(config.get(Settings.METRICS_KAFKA_TOPIC));
        } finally {
            job.cancel().get();
        }
    }
}
