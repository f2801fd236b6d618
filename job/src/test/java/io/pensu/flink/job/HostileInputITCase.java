package io.pensu.flink.job;

import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.pensu.flink.job.JobTestSupport.environment;
import static io.pensu.flink.job.JobTestSupport.expectedOutputs;
import static io.pensu.flink.job.JobTestSupport.total;
import static io.pensu.flink.job.JobTestSupport.uninterrupted;
import static io.pensu.flink.job.JobTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile producer costs the job. The samples of a clean run (one partition, one record per
 * sample, each metric in order) are sent again unkeyed and batched into four partitions, in three
 * phases: with {@link HostileCorpus} mixed in, then with the TaskManager killed, then with the
 * broker restarted, each mid-stream. Prints one table: no record may restart the job, and no phase
 * may lose, duplicate or change an output of the clean run.
 */
class HostileInputITCase extends KafkaJobTestBase {

    private static final List<String> METRICS =
            List.of("app.web.cpu", "app.web.mem", "app.db.load", "app.db.io", "host.net.rx");

    /** A metric that stops after its first samples; two of them are sent again later. */
    private static final String RESENT = "app.cron.runs";

    private static final int SAMPLES_PER_PHASE = 30;
    private static final int PHASES = 3;
    private static final long CLOCK_SKEW_STEP_MILLIS = 10_000L;
    private static final int MAX_RECORD_BYTES = 65_536;
    private static final int PARTITIONS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random = new Random(20_261_207L);

    @Test
    void noRecordRestartsTheJobAndNoFaultLosesDuplicatesOrChangesAnOutput(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        List<Sample> samples = samples();
        Map<String, String> env = environment(kafka, "hostile");
        env.put("PENSU_MAX_OUT_OF_ORDERNESS", "60");
        env.put("PENSU_MAX_RECORD_BYTES", Integer.toString(MAX_RECORD_BYTES));
        env.put("PENSU_MAX_ALLOWED_MODELS", "100");
        PensuConfig config = PensuConfig.load(env, new String[0]);
        Outputs clean = cleanRun(samples);

        kafka.createTopics(PARTITIONS, config.get(Settings.METRICS_KAFKA_TOPIC));
        kafka.createTopics(2, JobTestSupport.outputTopics(config).toArray(String[]::new));
        List<HostileCorpus.Item> corpus =
                HostileCorpus.items(
                        METRICS.get(0), samples.get(0).timestampMillis() / 1000, MAX_RECORD_BYTES);
        List<String> expectedReasons = new ArrayList<>();
        List<Phase> phases = new ArrayList<>();

        JobClient job = start(config);
        int restartsBefore = 0;
        for (int phase = 0; phase < PHASES; phase++) {
            List<Sample> phaseSamples = samplesOfPhase(samples, phase);
            List<HostileCorpus.Item> records = phase == 0 ? corpus : resent(samples, phase);
            records.forEach(item -> expectedReasons.addAll(item.reasons()));
            send(
                    config.get(Settings.METRICS_KAFKA_TOPIC),
                    phaseSamples,
                    records,
                    phase == 0,
                    phase == PHASES - 1);
            String fault = injectFault(phase, cluster);
            long upTo = phase == PHASES - 1 ? Long.MAX_VALUE : end(phase) - 3 * INTERVAL_MILLIS;
            kafka.drain(
                    config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC),
                    clean.anomalyLinesUpTo(upTo),
                    TIMEOUT,
                    Duration.ZERO);
            int restarts = restarts(cluster, job.getJobID());
            phases.add(
                    new Phase(
                            fault, records.size(), phaseSamples.size(), restarts - restartsBefore));
            restartsBefore = restarts;
        }
        Outputs actual = Outputs.readLike(config, clean);
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, String> r :
                kafka.drain(
                        config.get(Settings.DEAD_LETTER_KAFKA_TOPIC),
                        expectedReasons.size(),
                        TIMEOUT,
                        SETTLE)) {
            reasons.add(JSON.readTree(r.value()).get("reason").asText());
        }
        job.cancel().get();

        OutputDifference difference = OutputDifference.between(clean, actual);
        System.out.println(Phase.table(phases, difference));
        assertThat(reasons).containsExactlyInAnyOrderElementsOf(expectedReasons);
        assertThat(phases.get(0).restarts()).as("restarts caused by records").isZero();
        assertThat(difference.lost()).as("samples lost").isZero();
        assertThat(difference.duplicated()).as("samples duplicated").isZero();
        assertThat(difference.differing()).as("outputs differing from the clean run").isZero();
        assertThat(actual.byKind()).isEqualTo(clean.byKind());
    }

    /**
     * Samples of every metric, a minute apart, from producers whose clocks are up to 40 s apart.
     */
    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < PHASES * SAMPLES_PER_PHASE; i++) {
            for (int m = 0; m < METRICS.size(); m++) {
                long stamped = START_MILLIS + i * INTERVAL_MILLIS - m * CLOCK_SKEW_STEP_MILLIS;
                samples.add(sample(METRICS.get(m), stamped, valueAt(i + 7 * m)));
            }
            if (i < 5) {
                samples.add(sample(RESENT, START_MILLIS + i * INTERVAL_MILLIS, i));
            }
        }
        return samples;
    }

    private static long end(int phase) {
        return START_MILLIS + (phase + 1) * SAMPLES_PER_PHASE * INTERVAL_MILLIS;
    }

    private static List<Sample> samplesOfPhase(List<Sample> samples, int phase) {
        long from = phase == 0 ? Long.MIN_VALUE : end(phase - 1);
        return samples.stream()
                .filter(s -> s.timestampMillis() >= from && s.timestampMillis() < end(phase))
                .toList();
    }

    /**
     * Two samples of {@link #RESENT}, long processed, sent again: its last one is a duplicate, an
     * earlier one out of order, whatever the partitioning.
     */
    private static List<HostileCorpus.Item> resent(List<Sample> samples, int phase) {
        List<Sample> resent = samples.stream().filter(s -> s.metric().equals(RESENT)).toList();
        Sample again = phase == 1 ? resent.get(resent.size() - 1) : resent.get(1);
        return List.of(
                new HostileCorpus.Item(
                        "sample sent again",
                        utf8(again.line()),
                        true,
                        List.of(phase == 1 ? "duplicate_timestamp" : "out_of_order")));
    }

    private String injectFault(int phase, MiniCluster cluster) throws Exception {
        switch (phase) {
            case 0:
                return "hostile records, unkeyed and batched into " + PARTITIONS + " partitions";
            case 1:
                cluster.terminateTaskManager(0).get();
                cluster.startTaskManager();
                return "TaskManager killed mid-stream";
            default:
                kafka.restartBroker();
                return "broker restarted mid-stream";
        }
    }

    /** Restarts of the job so far: the job is one failover region, so every task restarts. */
    private static int restarts(MiniCluster cluster, JobID job) throws Exception {
        AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
        int restarts = 0;
        for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
            restarts = Math.max(restarts, vertex.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return restarts;
    }

    private static JobClient start(PensuConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        PensuJob.defineJob(env, config);
        return env.executeAsync("pensu-hostile-it");
    }

    /** The outputs of the samples sent in order, one record each, into one partition. */
    private Outputs cleanRun(List<Sample> samples) throws Exception {
        Map<String, String> env = environment(kafka, "hostile-clean");
        env.put("PENSU_MAX_ALLOWED_MODELS", "100");
        PensuConfig config = PensuConfig.load(env, new String[0]);
        createTopics(config);
        List<Sample> inOrder =
                samples.stream().sorted(Comparator.comparingLong(Sample::timestampMillis)).toList();
        kafka.produce(
                config.get(Settings.METRICS_KAFKA_TOPIC), 0, JobTestSupport.carbonRecords(inOrder));
        Map<String, Map<String, List<String>>> expected =
                expectedOutputs(config, uninterrupted(config, inOrder));
        JobClient job = start(config);
        try {
            expectOutputs(expected);
        } finally {
            job.cancel().get();
        }
        return Outputs.of(config, expected);
    }

    /**
     * Sends the samples unkeyed, in batches of 1 to 8 lines to the partitions in turn, each corpus
     * line inside a batch, each corpus record on its own. The first batch of the run goes without a
     * record timestamp, as old clients write; the last phase ends with a sample far ahead on every
     * partition, so that the watermark passes all the others.
     */
    private void send(
            String topic,
            List<Sample> samples,
            List<HostileCorpus.Item> corpus,
            boolean first,
            boolean last)
            throws Exception {
        List<List<byte[]>> batches = new ArrayList<>();
        for (int from = 0; from < samples.size(); ) {
            int to = Math.min(from + 1 + random.nextInt(8), samples.size());
            batches.add(
                    new ArrayList<>(
                            samples.subList(from, to).stream().map(s -> utf8(s.line())).toList()));
            from = to;
        }
        for (HostileCorpus.Item item : corpus) {
            if (!item.wholeRecord()) {
                List<byte[]> batch = batches.get(1 + random.nextInt(batches.size() - 1));
                batch.add(random.nextInt(batch.size() + 1), item.payload());
            }
        }
        List<byte[]> records = new ArrayList<>(batches.stream().map(this::join).toList());
        for (HostileCorpus.Item item : corpus) {
            if (item.wholeRecord()) {
                records.add(1 + random.nextInt(records.size()), item.payload());
            }
        }
        if (first) {
            kafka.produceWithoutTimestamp(topic, 0, records.remove(0));
        }
        for (int p = 0; p < PARTITIONS; p++) {
            List<byte[]> partition = new ArrayList<>();
            for (int i = p; i < records.size(); i += PARTITIONS) {
                partition.add(records.get(i));
            }
            if (last) {
                long ahead = end(PHASES - 1) + Duration.ofDays(1).toMillis() + p * 1000L;
                partition.add(utf8(sample("end.marker", ahead, 1).line()));
            }
            kafka.produce(topic, p, partition);
        }
    }

    private byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.write('\n');
            out.writeBytes(lines.get(i));
        }
        byte[] joined = out.toByteArray();
        return java.util.Arrays.copyOfRange(joined, 1, joined.length);
    }

    /** One phase of the run, a row of the printed table. */
    private record Phase(String input, int records, int samples, int restarts) {

        /**
         * The run as one table row: every figure but the inputs tried must be zero; below it, the
         * restarts that recovered from the faults injected on purpose.
         */
        static String table(List<Phase> phases, OutputDifference difference) {
            Phase records = phases.get(0);
            StringBuilder table = new StringBuilder();
            table.append(
                    String.format(
                            "%n| inputs tried | job restarts caused by input | samples lost"
                                    + " | samples duplicated | outputs differing from the clean"
                                    + " run |%n|---|---:|---:|---:|---:|%n"));
            table.append(
                    String.format(
                            "| %d hostile records and %d samples (%s) | %d | %d | %d | %d |%n",
                            phases.stream().mapToInt(Phase::records).sum(),
                            phases.stream().mapToInt(Phase::samples).sum(),
                            records.input(),
                            records.restarts(),
                            difference.lost(),
                            difference.duplicated(),
                            difference.differing()));
            for (Phase fault : phases.subList(1, phases.size())) {
                table.append(
                        String.format(
                                "%s: the job restarted %d time(s) to recover%n",
                                fault.input(), fault.restarts()));
            }
            return table.toString();
        }
    }

    /** Graphite lines and reports of a run, per output kind, each key's in order. */
    private record Outputs(Map<String, Map<String, List<String>>> byKind) {

        /** The outputs of {@code config}'s job, by topic, as outputs by kind. */
        static Outputs of(PensuConfig config, Map<String, Map<String, List<String>>> byTopic) {
            Map<String, Map<String, List<String>>> byKind = new TreeMap<>();
            kinds(config).forEach((topic, kind) -> byKind.put(kind, byTopic.get(topic)));
            return new Outputs(byKind);
        }

        /**
         * Reads what {@code config}'s job wrote, until it holds as many records as {@code like}.
         */
        static Outputs readLike(PensuConfig config, Outputs like) {
            Map<String, Map<String, List<String>>> byTopic = new TreeMap<>();
            kinds(config)
                    .forEach(
                            (topic, kind) ->
                                    byTopic.put(
                                            topic,
                                            KafkaTestCluster.valuesByKey(
                                                    kafka.drain(
                                                            topic,
                                                            total(like.byKind().get(kind)),
                                                            TIMEOUT,
                                                            SETTLE))));
            return of(config, byTopic);
        }

        private static Map<String, String> kinds(PensuConfig config) {
            return Map.of(
                    config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC), "anomaly lines",
                    config.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC), "prediction lines",
                    config.get(Settings.REPORTED_ANOMALIES_KAFKA_TOPIC), "anomaly reports");
        }

        /** How many anomaly lines are of samples at or before {@code millis}. */
        int anomalyLinesUpTo(long millis) {
            return (int)
                    byKind.get("anomaly lines").values().stream()
                            .flatMap(List::stream)
                            .filter(line -> timestampMillis(line) <= millis)
                            .count();
        }

        private static long timestampMillis(String graphiteLine) {
            return Long.parseLong(graphiteLine.substring(graphiteLine.lastIndexOf(' ') + 1)) * 1000;
        }
    }

    /**
     * How a run's outputs differ from the clean run's: samples without an anomaly score, samples
     * scored more than once, and lines of either run that the other does not hold.
     */
    private record OutputDifference(int lost, int duplicated, int differing) {

        static OutputDifference between(Outputs clean, Outputs actual) {
            List<String> cleanScored = scoredSamples(clean);
            List<String> actualScored = scoredSamples(actual);
            int lost = (int) cleanScored.stream().filter(s -> !actualScored.contains(s)).count();
            int duplicated = actualScored.size() - (int) actualScored.stream().distinct().count();
            List<String> cleanLines = lines(clean);
            List<String> actualLines = lines(actual);
            return new OutputDifference(
                    lost,
                    duplicated,
                    missing(cleanLines, actualLines) + missing(actualLines, cleanLines));
        }

        /** Metric and timestamp of each anomaly score line. */
        private static List<String> scoredSamples(Outputs outputs) {
            List<String> scored = new ArrayList<>();
            outputs.byKind()
                    .get("anomaly lines")
                    .forEach(
                            (metric, lines) ->
                                    lines.stream()
                                            .filter(line -> line.contains(".anomaly_score."))
                                            .forEach(
                                                    line ->
                                                            scored.add(
                                                                    metric
                                                                            + " "
                                                                            + line.substring(
                                                                                    line
                                                                                            .lastIndexOf(
                                                                                                    ' ')))));
            return scored;
        }

        private static List<String> lines(Outputs outputs) {
            List<String> lines = new ArrayList<>();
            outputs.byKind()
                    .forEach(
                            (kind, byKey) ->
                                    byKey.forEach(
                                            (key, values) ->
                                                    values.forEach(
                                                            v ->
                                                                    lines.add(
                                                                            kind + " " + key + " "
                                                                                    + v))));
            return lines;
        }

        /** How many of {@code lines} (as a multiset) {@code other} does not hold. */
        private static int missing(List<String> lines, List<String> other) {
            List<String> left = new ArrayList<>(lines);
            other.forEach(left::remove);
            return left.size();
        }
    }
}
