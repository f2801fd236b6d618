package io.pensu.flink.job;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.pensu.flink.job.JobTestSupport.carbonRecords;
import static io.pensu.flink.job.JobTestSupport.expectedOutputs;
import static io.pensu.flink.job.JobTestSupport.uninterrupted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden savepoint of release 0.1.0 restores without any flag, although it holds the state of
 * the model quota operator that this release no longer has, and its metrics continue exactly as an
 * uninterrupted run of this release would, admitted whatever the quota, but for the prediction
 * classifier's values ({@link PredictedValues}).
 *
 * <p>The savepoint is of the end-to-end tests' golden run: its job arguments and first input chunk
 * (60 samples of each of three metrics, one a minute) are rebuilt here. Its source state names that
 * run's input topic, which this test's broker does not have; the job reads its own.
 */
class GoldenSavepointITCase extends KafkaJobTestBase {

    private static final Path GOLDEN = Paths.get("src/test/resources/golden-savepoint/0.1.0");

    @TempDir Path savepoint;

    private static Map<String, String> goldenRun(String engine, int maxMetrics) {
        // 0.1.0's models never quiet repeated alerts, so neither does the reference run.
        Map<String, String> env = E2eInput.environment(kafka.bootstrapServers(), "golden-it");
        env.put("PENSU_HTM_ENGINE", engine);
        env.put("PENSU_MAX_ALLOWED_MODELS", Integer.toString(maxMetrics));
        return env;
    }

    @Test
    void theGoldenSavepointRestoresWithoutFlagsAndItsMetricsContinueExactly() throws Exception {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path file : files.toList()) {
                Files.copy(file, savepoint.resolve(file.getFileName()));
            }
        }
        // The job restoring the savepoint creates new models with the default engine and may
        // model one metric; the savepoint's three were created with htm.java, and stay admitted.
        PensuConfig config = PensuConfig.load(goldenRun("compact", 1), new String[0]);
        PensuConfig reference = PensuConfig.load(goldenRun("htm.java", 10), new String[0]);
        createTopics(config);

        List<Sample> all = E2eInput.chunks(0, 2);
        List<Detection> secondChunk =
                uninterrupted(reference, all).stream()
                        .filter(d -> d.timestampMillis() >= E2eInput.chunkStartMillis(1))
                        .toList();
        Map<String, Map<String, List<String>>> expected = expectedOutputs(config, secondChunk);

        List<Sample> input =
                new ArrayList<>(all.subList(E2eInput.METRICS.size() * E2eInput.CHUNK, all.size()));
        input.add(sample("e2e.new.metric", E2eInput.START_MILLIS, 1.0));
        kafka.produce(config.get(Settings.METRICS_KAFKA_TOPIC), 0, carbonRecords(input));

        Configuration flink = new Configuration();
        flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(2);
        PensuJob.defineJob(env, config);
        JobClient job = env.executeAsync("pensu-golden-savepoint-it");
        try {
            kafka.topics().expectOutputs(expected, PredictedValues::hidden, TIMEOUT, SETTLE);
            var letters =
                    KafkaTestCluster.valuesByKey(
                            kafka.drain(
                                    config.get(Settings.DEAD_LETTER_KAFKA_TOPIC),
                                    1,
                                    TIMEOUT,
                                    SETTLE));
            assertThat(letters).containsOnlyKeys("e2e.new.metric");
            assertThat(letters.get("e2e.new.metric"))
                    .singleElement()
                    .asString()
                    .contains("\"reason\":\"over_quota\"");
        } finally {
            // A job that failed to restore has ended; cancelling it would hide why the test failed.
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }
    }
}
