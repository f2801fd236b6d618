package io.pensu.flink.job;

import io.pensu.flink.job.config.PensuConfig;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JobTopicsTest {

    private static PensuConfig load(Map<String, String> environment, String... args) {
        return PensuConfig.load(environment, args, Clock.systemUTC(), "test-host");
    }

    @Test
    void listsTheInputTopicFirstThenEveryOutputTopic() {
        assertThat(JobTopics.of(load(Map.of())))
                .containsExactly(
                        "metrics",
                        "pensu_anomalies",
                        "pensu.htm.predictions",
                        "pensu.htm.anomaly_metrics",
                        "pensu_dead_letters",
                        "pensu_monitored_topics");
    }

    @Test
    void takesTopicNamesFromTheEnvironmentAndTheArguments() {
        PensuConfig config =
                load(
                        Map.of("PENSU_METRICS_KAFKA_TOPIC", "carbon"),
                        "--PENSU_DEAD_LETTER_KAFKA_TOPIC",
                        "rejected");

        assertThat(JobTopics.of(config)).startsWith("carbon").contains("rejected");
    }
}
