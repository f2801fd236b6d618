package io.pensu.flink.job;

import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        /** One record per sample, partitions taking turns. */
        UNKEYED,
        /** Records of several metrics' lines, partitions taking turns. */
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
        for (int first = 0, record = 0; first < samples.size(); first += size, record++) {
            List<Sample> lines = samples.subList(first, Math.min(first + size, samples.size()));
            int partition =
                    layout == Layout.KEYED
                            ? METRICS.indexOf(lines.get(0).metric()) % partitions
                            : record % partitions;
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
        PensuConfig inOrder = PensuConfig.load(env, new String[0]);
        env.put("PENSU_MAX_OUT_OF_ORDERNESS", "60");
        PensuConfig config = PensuConfig.load(env, new String[0]);
        kafka.createTopics(partitions, config.metricsTopic());
        kafka.createTopics(2, JobTestSupport.outputTopics(config).toArray(String[]::new));

        List<Sample> samples = sent();
        List<List<byte[]>> byPartition = records(samples, layout, partitions);
        for (int p = 0; p < partitions; p++) {
            // Far ahead of every sample, on every partition: the watermark passes them all.
            long marker = START_MILLIS + SAMPLES_PER_METRIC * INTERVAL_MILLIS + 86_400_000L;
            byPartition.get(p).add(utf8(sample("end.marker", marker, 1).line()));
            kafka.produce(config.metricsTopic(), p, byPartition.get(p));
        }
        List<Sample> eachMetricInOrder =
                samples.stream()
                        .sorted(
                                java.util.Comparator.comparing(Sample::metric)
                                        .thenComparingLong(Sample::timestampMillis))
                        .toList();
        Map<String, Map<String, List<String>>> expected =
                expectedOutputs(inOrder, uninterrupted(inOrder, eachMetricInOrder));

        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        flink.setParallelism(2);
        PensuJob.defineJob(flink, config);
        JobClient job = flink.executeAsync("pensu-event-time-it");
        try {
            expectOutputs(expected);
            assertThat(kafka.drain(config.deadLetterTopic(), 0, TIMEOUT, SETTLE))
                    .extracting(r -> r.value())
                    .isEmpty();
        } finally {
            job.cancel().get();
        }
    }
}
