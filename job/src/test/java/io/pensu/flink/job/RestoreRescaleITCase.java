package io.pensu.flink.job;

import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.core.execution.JobClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.pensu.flink.job.JobTestSupport.carbonRecords;
import static io.pensu.flink.job.JobTestSupport.environment;
import static io.pensu.flink.job.JobTestSupport.expectedOutputs;
import static io.pensu.flink.job.JobTestSupport.uninterrupted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once end to end: a job cancelled mid-stream and restored from its last retained RocksDB
 * checkpoint with another parallelism writes exactly what one uninterrupted run writes, with no
 * line lost or duplicated, and the model quota holds across the restore: the refused metric's
 * samples are all dead letters, once each.
 */
class RestoreRescaleITCase extends KafkaJobTestBase {

    private static final int SAMPLES_PER_METRIC = 80;

    @TempDir Path checkpoints;

    /**
     * Cancels {@code job} and waits until it has ended: its tasks write into the checkpoint
     * directory until then, which the test deletes when it ends.
     */
    private static void cancel(JobClient job) throws Exception {
        job.cancel().get();
        job.getJobExecutionResult().handle((result, cancelled) -> result).get();
    }

    @Test
    void restoreFromARetainedCheckpointWithAnotherParallelismMatchesAnUninterruptedRun()
            throws Exception {
        Map<String, String> env = environment(kafka, "restore");
        env.put("PENSU_MAX_ALLOWED_MODELS", "2");
        PensuConfig config = PensuConfig.load(env, new String[0]);
        createTopics(config);

        // One input partition keeps the arrival order, and so the quota's choice, fixed; so does
        // one detector subtask, whose share is the whole quota. After the rescale to three, the
        // subtask that holds both modelled metrics is over its new share: they stay admitted, and
        // it admits nothing new.
        List<Sample> all = interleaved(SAMPLES_PER_METRIC, "web.cpu", "web.mem", "db.load");
        List<Sample> modelled =
                all.stream()
                        .filter(s -> !s.metric().equals("db.load"))
                        .collect(Collectors.toList());
        Map<String, Map<String, List<String>>> expected =
                expectedOutputs(config, uninterrupted(config, modelled));
        String anomalies = config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC);

        RetainedCheckpoints runs = new RetainedCheckpoints(checkpoints);
        int half = all.size() / 2;
        kafka.produce(
                config.get(Settings.METRICS_KAFKA_TOPIC), 0, carbonRecords(all.subList(0, half)));
        JobClient first = runs.start(config, 1, null);
        kafka.drain(anomalies, 3 * half * 2 / 3, TIMEOUT, Duration.ZERO);
        cancel(first);

        kafka.produce(
                config.get(Settings.METRICS_KAFKA_TOPIC),
                0,
                carbonRecords(all.subList(half, all.size())));
        JobClient second = runs.start(config, 3, runs.latest());
        try {
            expectOutputs(expected);
            var refused =
                    KafkaTestCluster.valuesByKey(
                            kafka.drain(
                                    config.get(Settings.DEAD_LETTER_KAFKA_TOPIC),
                                    SAMPLES_PER_METRIC,
                                    TIMEOUT,
                                    SETTLE));
            assertThat(refused).containsOnlyKeys("db.load");
            assertThat(refused.get("db.load"))
                    .hasSize(SAMPLES_PER_METRIC)
                    .allMatch(letter -> letter.contains("\"reason\":\"over_quota\""))
                    .doesNotHaveDuplicates();
        } finally {
            cancel(second);
        }
    }
}
