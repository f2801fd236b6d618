package io.pensu.flink.job;

import io.pensu.flink.detect.DetectorTestBase;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Flink MiniCluster and a real Kafka broker for the job's integration tests. */
abstract class KafkaJobTestBase extends DetectorTestBase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** How long to keep reading after the expected records arrived, to catch duplicates. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    /**
     * Reads each topic of {@code expected} until its records have arrived, and checks they are
     * exactly those, by key, in order.
     */
    static void expectOutputs(Map<String, Map<String, List<String>>> expected) {
        kafka.topics().expectOutputs(expected, TIMEOUT, SETTLE);
    }

    /** The input topic and every output topic of {@code config}, two partitions each. */
    static void createTopics(PensuConfig config) throws Exception {
        kafka.createTopics(2, config.get(Settings.METRICS_KAFKA_TOPIC));
        kafka.createTopics(2, JobTestSupport.outputTopics(config).toArray(String[]::new));
    }
}
