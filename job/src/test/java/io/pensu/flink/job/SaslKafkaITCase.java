package io.pensu.flink.job;

import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.pensu.flink.job.JobTestSupport.carbonRecords;
import static io.pensu.flink.job.JobTestSupport.environment;
import static io.pensu.flink.job.JobTestSupport.expectedOutputs;
import static io.pensu.flink.job.JobTestSupport.total;
import static io.pensu.flink.job.JobTestSupport.uninterrupted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The job against a broker that requires SASL/PLAIN, with credentials from a properties file. */
class SaslKafkaITCase extends KafkaJobTestBase {

    private static KafkaTestCluster sasl;

    @BeforeAll
    static void startSaslKafka() throws Exception {
        sasl = KafkaTestCluster.startWithSaslPlain();
    }

    @AfterAll
    static void stopSaslKafka() throws Exception {
        sasl.close();
    }

    private static PensuConfig config(String suffix, Path properties, Map<String, String> login)
            throws Exception {
        StringBuilder text = new StringBuilder();
        login.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(properties, text);
        Map<String, String> env = environment(sasl, suffix);
        env.put("PENSU_KAFKA_PROPERTIES_FILE", properties.toString());
        return PensuConfig.load(env, new String[0]);
    }

    private static JobClient start(PensuConfig config, Configuration flinkSettings)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkSettings);
        env.setParallelism(2);
        PensuJob.defineJob(env, config);
        return env.executeAsync("pensu-sasl");
    }

    @Test
    void readsAndWritesThroughABrokerThatRequiresSaslPlain(@TempDir Path dir) throws Exception {
        PensuConfig config = config("sasl", dir.resolve("kafka.properties"), sasl.clientSecurity());
        sasl.createTopics(2, config.get(Settings.METRICS_KAFKA_TOPIC));
        sasl.createTopics(2, JobTestSupport.outputTopics(config).toArray(String[]::new));
        List<Sample> samples = interleaved(40, "web.cpu");
        sasl.produce(config.get(Settings.METRICS_KAFKA_TOPIC), 0, carbonRecords(samples));

        Map<String, List<String>> expected =
                expectedOutputs(config, uninterrupted(config, samples))
                        .get(config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC));
        JobClient job = start(config, new Configuration());
        try {
            assertThat(
                            KafkaTestCluster.valuesByKey(
                                    sasl.drain(
                                            config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC),
                                            total(expected),
                                            TIMEOUT,
                                            SETTLE)))
                    .isEqualTo(expected);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aWrongPasswordFailsTheJobWithKafkasAuthenticationError(@TempDir Path dir)
            throws Exception {
        PensuConfig config =
                config(
                        "sasl-wrong",
                        dir.resolve("kafka.properties"),
                        KafkaTestCluster.saslPlainClient(KafkaTestCluster.SASL_USER, "wrong"));
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");

        JobClient job = start(config, noRestarts);
        Throwable failure =
                catchThrowable(
                        () ->
                                job.getJobExecutionResult()
                                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));

        assertThat(ExceptionUtils.stringifyException(failure))
                .contains(
                        "Cannot describe input topic '"
                                + config.get(Settings.METRICS_KAFKA_TOPIC)
                                + "'")
                .contains(
                        "SaslAuthenticationException: Authentication failed: Invalid username or"
                                + " password");
    }
}
