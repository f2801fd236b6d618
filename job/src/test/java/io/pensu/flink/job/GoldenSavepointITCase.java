package io.pensu.flink.job;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;

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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static io.pensu.flink.job.JobTestSupport.carbonRecords;
import static io.pensu.flink.job.JobTestSupport.environment;
import static io.pensu.flink.job.JobTestSupport.expectedOutputs;
import static io.pensu.flink.job.JobTestSupport.uninterrupted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden savepoint of release 0.1.0 restores without any flag, although it holds the state of
 * the model quota operator that this release no longer has, and its metrics continue exactly as an
 * uninterrupted run of this release would, admitted whatever the quota.
 *
 * <p>The savepoint is of scripts/e2e-test.sh's golden run: its job arguments and first input chunk
 * (60 samples of each of three metrics, one a minute) are rebuilt here. Its source state names that
 * run's input topic, which this test's broker does not have; the job reads its own.
 */
class GoldenSavepointITCase extends KafkaJobTestBase {

    private static final Path GOLDEN = Paths.get("src/test/resources/golden-savepoint/0.1.0");
    private static final List<String> METRICS =
            List.of("e2e.web.cpu", "e2e.web.mem", "e2e.db.load");
    private static final long START_MILLIS = 1_700_000_000_000L;
    private static final int CHUNK = 60;

    @TempDir Path savepoint;

    /** Sample {@code i} of the e2e suite's input: a wave with a spike every 97 samples. */
    private static Sample e2eSample(String metric, int i) {
        double wave = 50 + 40 * Math.sin(2 * Math.PI * i / 30);
        double value =
                Double.parseDouble(
                        String.format(Locale.ROOT, "%.2f", i % 97 == 96 ? wave + 300 : wave));
        return sample(metric, START_MILLIS + 60_000L * i, value);
    }

    private static List<Sample> chunks(int from, int to) {
        List<Sample> samples = new ArrayList<>();
        for (int i = from; i < to; i++) {
            for (String metric : METRICS) {
                samples.add(e2eSample(metric, i));
            }
        }
        return samples;
    }

    private static Map<String, String> goldenRun(String engine, int maxMetrics) {
        Map<String, String> env = environment(kafka, "golden-it");
        env.put("PENSU_HTM_ENGINE", engine);
        env.put("PENSU_MINIMUM_CONFIDENCE_FOR_REPORTING", "0");
        env.put("PENSU_MAX_ALLOWED_MODELS", Integer.toString(maxMetrics));
        // 0.1.0's models never quiet repeated alerts, so neither does the reference run (as in the
        // e2e suite's golden run).
        env.put(
                "PENSU_MODEL_PARAMETERS",
                SMALL_NETWORK.replace("}}]", ", \"likelihood.quietSamples\": 0}}]"));
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

        List<Sample> all = chunks(0, 2 * CHUNK);
        List<Detection> secondChunk =
                uninterrupted(reference, all).stream()
                        .filter(d -> d.timestampMillis() >= START_MILLIS + 60_000L * CHUNK)
                        .toList();
        Map<String, Map<String, List<String>>> expected = expectedOutputs(config, secondChunk);

        List<Sample> input = new ArrayList<>(all.subList(METRICS.size() * CHUNK, all.size()));
        input.add(sample("e2e.new.metric", START_MILLIS, 1.0));
        kafka.produce(config.metricsTopic(), 0, carbonRecords(input));

        Configuration flink = new Configuration();
        flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(2);
        PensuJob.defineJob(env, config);
        JobClient job = env.executeAsync("pensu-golden-savepoint-it");
        try {
            expectOutputs(expected);
            var letters =
                    KafkaTestCluster.valuesByKey(
                            kafka.drain(config.deadLetterTopic(), 1, TIMEOUT, SETTLE));
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
