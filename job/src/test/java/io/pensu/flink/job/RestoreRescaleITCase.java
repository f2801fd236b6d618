package io.pensu.flink.job;

import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;

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

/**
 * Exactly-once end to end: a job cancelled mid-stream and restored from its last retained RocksDB
 * checkpoint with another parallelism writes exactly what one uninterrupted run writes, with no
 * line lost or duplicated, and the model quota holds across the restore.
 */
class RestoreRescaleITCase extends KafkaJobTestBase {

    private static final int SAMPLES_PER_METRIC = 80;

    @TempDir Path checkpoints;

    @Test
    void restoreFromARetainedCheckpointWithAnotherParallelismMatchesAnUninterruptedRun()
            throws Exception {
        Map<String, String> env = environment(kafka, "restore");
        env.put("PENSU_MAX_ALLOWED_MODELS", "2");
        PensuConfig config = PensuConfig.load(env, new String[0]);
        createTopics(config);

        // One input partition keeps the arrival order, and so the quota's choice, fixed.
        List<Sample> all = interleaved(SAMPLES_PER_METRIC, "web.cpu", "web.mem", "db.load");
        List<Sample> modelled =
                all.stream()
                        .filter(s -> !s.metric().equals("db.load"))
                        .collect(Collectors.toList());
        Map<String, Map<String, List<String>>> expected =
                expectedOutputs(config, uninterrupted(config, modelled));
        String anomalies = config.anomalyMetricsTopic();

        RetainedCheckpoints runs = new RetainedCheckpoints(checkpoints);
        int half = all.size() / 2;
        kafka.produce(config.metricsTopic(), 0, carbonRecords(all.subList(0, half)));
        JobClient first = runs.start(config, 2, null);
        kafka.drain(anomalies, 3 * half * 2 / 3, TIMEOUT, Duration.ZERO);
        first.cancel().get();

        kafka.produce(config.metricsTopic(), 0, carbonRecords(all.subList(half, all.size())));
        JobClient second = runs.start(config, 3, runs.latest());
        try {
            expectOutputs(expected);
        } finally {
            second.cancel().get();
        }
    }
}
