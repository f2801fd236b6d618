package io.pensu.flink.job;

import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static io.pensu.flink.job.JobTestSupport.environment;
import static io.pensu.flink.job.JobTestSupport.expectedOutputs;
import static io.pensu.flink.job.JobTestSupport.uninterrupted;
import static io.pensu.flink.job.JobTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ordered by event time, the job's outputs do not depend on how producers spread samples over
 * partitions: the same samples of several metrics, whose producers' clocks differ by up to 45 s,
 * sent keyed by metric, unkeyed (each metric's samples crossing partitions) or batched (many
 * metrics' lines per record) into 1, 2 or 4 partitions, give byte for byte the outputs of one
 * uninterrupted run that sees each metric's samples in order, and no sample is lost.
 */
class EventTimeOrderITCase extends KafkaJobTestBase {

    private static final List<String> METRICS =
            List.of("web.cpu", "web.mem", "db.load", "db.queries");
    private static final long SKEW_STEP_MILLIS = 15_000L;
    private static final int SAMPLES_PER_METRIC = LEARNING_SAMPLES + 20;
    private static final int LINES_PER_BATCH = 7;

    /** How a producer spreads the samples over partitions. */
    enum Layout {
        /** Each metric's samples on one partition, one record per sample. */
        KEYED,
        /** One record per sample, each on a random partition. */
        UNKEYED,
        /** Records of several metrics' lines, each on a random partition. */
        BATCHED
    }

    /**
     * The samples in the order producers send them: every minute each metric's sample, stamped by a
     * clock that is behind by 0, 15, 30 or 45 s.
     */
    private static List<Sample> sent() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES_PER_METRIC; i++) {
            for (int m = 0; m < METRICS.size(); m++) {
                long stamped = START_MILLIS + i * INTERVAL_MILLIS - m * SKEW_STEP_MILLIS;
                samples.add(sample(METRICS.get(m), stamped, valueAt(i)));
            }
        }
        return samples;
    }

    /** Per partition, its records. */
    private static List<List<byte[]>> records(List<Sample> samples, Layout layout, int partitions) {
        List<List<byte[]>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.add(new ArrayList<>());
        }
        int size = layout == Layout.BATCHED ? LINES_PER_BATCH : 1;
        // A fixed sequence of random partitions, as a producer without keys picks them.
        Random partitioner = new Random(42);
        for (int first = 0; first < samples.size(); first += size) {
            List<Sample> lines = samples.subList(first, Math.min(first + size, samples.size()));
            int partition =
                    layout == Layout.KEYED
                            ? METRICS.indexOf(lines.get(0).metric()) % partitions
                            : partitioner.nextInt(partitions);
            byPartition
                    .get(partition)
                    .add(utf8(lines.stream().map(Sample::line).collect(Collectors.joining("\n"))));
        }
        return byPartition;
    }

    @ParameterizedTest(name = "{1} into {0} partition(s)")
    @CsvSource({"1, UNKEYED", "2, KEYED", "2, UNKEYED", "4, UNKEYED", "2, BATCHED", "4, BATCHED"})
    void givesTheOutputsOfAnInOrderRunWhateverThePartitioning(int partitions, Layout layout)
            throws Exception {
        Map<String, String> env = environment(kafka, "event-time-" + layout + "-" + partitions);
        PensuConfig config = eventTime(env, partitions);
        List<Sample> samples = sent();
        produce(config, records(samples, layout, partitions), true);

        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        flink.setParallelism(2);
        PensuJob.defineJob(flink, config);
        JobClient job = flink.executeAsync("pensu-event-time-it");
        try {
            expectOutputsOfAnInOrderRun(env, samples, config);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Cancelled while samples wait for the watermark and restored at another parallelism, the job
     * still gives the outputs of an in-order run: the waiting samples and their timers are state.
     */
    @Test
    void givesTheSameOutputsAfterARestoreAtAnotherParallelism(@TempDir Path checkpoints)
            throws Exception {
        Map<String, String> env = environment(kafka, "event-time-restore");
        PensuConfig config = eventTime(env, 2);
        List<Sample> samples = sent();
        int cut = samples.size() * 3 / 4;
        produce(config, records(samples.subList(0, cut), Layout.UNKEYED, 2), false);

        RetainedCheckpoints runs = new RetainedCheckpoints(checkpoints);
        JobClient first = runs.start(config, 2, null);
        kafka.drain(
                config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC),
                3 * cut / 2,
                TIMEOUT,
                Duration.ZERO);
        first.cancel().get();

        produce(config, records(samples.subList(cut, samples.size()), Layout.UNKEYED, 2), true);
        JobClient second = runs.start(config, 3, runs.latest());
        try {
            expectOutputsOfAnInOrderRun(env, samples, config);
        } finally {
            second.cancel().get();
        }
    }

    /** The job's configuration with the default bound, and its topics. */
    private static PensuConfig eventTime(Map<String, String> env, int partitions) throws Exception {
        env.remove("PENSU_MAX_OUT_OF_ORDERNESS");
        PensuConfig config = PensuConfig.load(env, new String[0]);
        kafka.createTopics(partitions, config.get(Settings.METRICS_KAFKA_TOPIC));
        kafka.createTopics(2, JobTestSupport.outputTopics(config).toArray(String[]::new));
        return config;
    }

    private static void produce(PensuConfig config, List<List<byte[]>> byPartition, boolean last) {
        for (int p = 0; p < byPartition.size(); p++) {
            if (last) {
                // Far ahead of every sample, on every partition: the watermark passes them all.
                long marker = START_MILLIS + SAMPLES_PER_METRIC * INTERVAL_MILLIS + 86_400_000L;
                byPartition.get(p).add(utf8(sample("end.marker", marker, 1).line()));
            }
            kafka.produce(config.get(Settings.METRICS_KAFKA_TOPIC), p, byPartition.get(p));
        }
    }

    /** Outputs byte for byte those of one run in arrival order that sees each metric in order. */
    private static void expectOutputsOfAnInOrderRun(
            Map<String, String> env, List<Sample> samples, PensuConfig config) throws Exception {
        env.put("PENSU_MAX_OUT_OF_ORDERNESS", "0");
        PensuConfig inOrder = PensuConfig.load(env, new String[0]);
        List<Sample> eachMetricInOrder =
                samples.stream()
                        .sorted(
                                Comparator.comparing(Sample::metric)
                                        .thenComparingLong(Sample::timestampMillis))
                        .toList();
        expectOutputs(expectedOutputs(inOrder, uninterrupted(inOrder, eachMetricInOrder)));
        assertThat(kafka.drain(config.get(Settings.DEAD_LETTER_KAFKA_TOPIC), 0, TIMEOUT, SETTLE))
                .extracting(r -> r.value())
                .isEmpty();
    }
}
