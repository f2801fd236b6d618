package io.pensu.flink.detect;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.Sample;
import io.pensu.flink.input.SeparateDeadLetters;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MetricDetectorTest extends DetectorTestBase {

    /** Snapshots of the test-sized htm.java networks exceed the 5 MB default. */
    private static final int SNAPSHOT_LIMIT_BYTES = 256 * 1024 * 1024;

    private static KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness(
            DetectorSettings settings, boolean rocksDb) throws Exception {
        return harness(settings, rocksDb, new CapturedMetrics());
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness(
            DetectorSettings settings, boolean rocksDb, CapturedMetrics metrics) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        // Flink ships functions to the task managers serialized; test the copy.
                        new KeyedProcessOperator<>(
                                InstantiationUtil.clone(new MetricDetector(settings))),
                        Sample::metric,
                        Types.STRING,
                        metrics.environment());
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        harness.setCheckpointStorage(new JobManagerCheckpointStorage(SNAPSHOT_LIMIT_BYTES));
        return harness;
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness,
            List<Sample> samples)
            throws Exception {
        for (Sample s : samples) {
            harness.processElement(new StreamRecord<>(s));
        }
    }

    private static List<Detection> detections(
            KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness) {
        List<Detection> out = new ArrayList<>();
        harness.extractOutputValues().forEach(out::add);
        return out;
    }

    private static List<Detection> uninterrupted(DetectorSettings settings, List<Sample> samples)
            throws Exception {
        return uninterrupted(settings, samples, new CapturedMetrics());
    }

    private static List<Detection> uninterrupted(
            DetectorSettings settings, List<Sample> samples, CapturedMetrics metrics)
            throws Exception {
        try (var h = harness(settings, false, metrics)) {
            h.open();
            feed(h, samples);
            return detections(h);
        }
    }

    /**
     * The outputs of a run of the first {@code cut} samples, snapshotted, and of a new detector
     * restored from that snapshot (counting into {@code restoredMetrics}) fed the rest.
     */
    private static List<Detection> restoredAfter(
            int cut,
            DetectorSettings settings,
            List<Sample> samples,
            boolean rocksDb,
            CapturedMetrics restoredMetrics)
            throws Exception {
        OperatorSubtaskState snapshot;
        List<Detection> outputs;
        try (var first = harness(settings, rocksDb)) {
            first.open();
            feed(first, samples.subList(0, cut));
            snapshot = first.snapshot(1L, 1L);
            outputs = detections(first);
        }
        try (var second = harness(settings, rocksDb, restoredMetrics)) {
            second.initializeState(snapshot);
            second.open();
            feed(second, samples.subList(cut, samples.size()));
            outputs.addAll(detections(second));
        }
        return outputs;
    }

    @Test
    void emitsNothingUntilTheValueRangeIsLearnedThenEverySampleInOrder() throws Exception {
        try (var h = harness(settings(OutOfOrderPolicy.REJECT, 50, 4), false)) {
            h.open();
            feed(h, interleaved(LEARNING_SAMPLES - 1, "a.b"));
            assertThat(h.extractOutputValues()).isEmpty();

            feed(h, List.of(sample("a.b", LEARNING_SAMPLES - 1)));
            List<Detection> out = detections(h);
            assertThat(out).hasSize(LEARNING_SAMPLES);
            for (int i = 0; i < LEARNING_SAMPLES; i++) {
                assertThat(out.get(i).timestampMillis())
                        .isEqualTo(START_MILLIS + i * INTERVAL_MILLIS);
                assertThat(out.get(i).value()).isEqualTo(valueAt(i));
                assertThat(out.get(i).anomalyLikelihood()).as("likelihood %d", i).isEqualTo(0.5);
            }
            assertThat(out.get(0).prediction()).isNull();
            assertThat(out.get(LEARNING_SAMPLES - 1).prediction()).isNotNull();
            assertThat(out.get(LEARNING_SAMPLES - 1).prediction().timestampMillis())
                    .isEqualTo(START_MILLIS + (LEARNING_SAMPLES - 1 + 3) * INTERVAL_MILLIS);

            feed(h, List.of(sample("a.b", LEARNING_SAMPLES)));
            assertThat(h.extractOutputValues()).hasSize(LEARNING_SAMPLES + 1);
        }
    }

    @Test
    void rejectsASampleThatIsNotAfterItsMetricsLastOneAsADeadLetter() throws Exception {
        try (var h = harness(settings(OutOfOrderPolicy.REJECT, 50, 4), false)) {
            h.open();
            feed(h, interleaved(3, "a.b", "c.d"));
            feed(
                    h,
                    List.of(
                            sample("a.b", 1),
                            sample("a.b", START_MILLIS + 2 * INTERVAL_MILLIS, 7)));
            feed(h, List.of(sample("c.d", 3)));

            Queue<StreamRecord<DeadLetter>> rejected =
                    h.getSideOutput(SeparateDeadLetters.DEAD_LETTERS);
            assertThat(rejected)
                    .extracting(r -> r.getValue().reason())
                    .containsExactly(RejectReason.OUT_OF_ORDER, RejectReason.DUPLICATE_TIMESTAMP);
            DeadLetter first = rejected.peek().getValue();
            assertThat(first.metric()).isEqualTo("a.b");
            assertThat(first.raw()).isEqualTo(sample("a.b", 1).line());
            assertThat(first.topic()).isEqualTo("metrics");
            assertThat(first.message())
                    .isEqualTo(
                            "timestamp 2020-04-23T04:47:00Z is not after the metric's last"
                                    + " accepted timestamp 2020-04-23T04:48:00Z");
        }
    }

    @Test
    void processPolicyFeedsLateSamplesToTheModelInArrivalOrder() throws Exception {
        List<Sample> samples = new ArrayList<>(interleaved(LEARNING_SAMPLES, "a.b"));
        samples.add(sample("a.b", 5));
        try (var h = harness(settings(OutOfOrderPolicy.PROCESS, 50, 4), false)) {
            h.open();
            feed(h, samples);
            assertThat(h.getSideOutput(SeparateDeadLetters.DEAD_LETTERS)).isNull();
            List<Detection> out = detections(h);
            assertThat(out).hasSize(LEARNING_SAMPLES + 1);
            assertThat(out.get(LEARNING_SAMPLES).timestampMillis())
                    .isEqualTo(START_MILLIS + 5 * INTERVAL_MILLIS);
        }
    }

    static Set<String> engines() {
        return HtmEngines.ids();
    }

    /** Every HTM engine, on the heap and on the RocksDB backend. */
    static Stream<Arguments> enginesAndBackends() {
        return HtmEngines.ids().stream()
                .flatMap(
                        engine ->
                                Stream.of(Arguments.of(engine, false), Arguments.of(engine, true)));
    }

    @ParameterizedTest(name = "{0}, RocksDB: {1}")
    @MethodSource("enginesAndBackends")
    void restoredFromASnapshotContinuesExactlyAsAnUninterruptedRun(String engine, boolean rocksDb)
            throws Exception {
        DetectorSettings settings = settings(engine, OutOfOrderPolicy.REJECT, 25, 4);
        List<Sample> samples = interleaved(120, "a.b", "c.d");
        List<Detection> expected = uninterrupted(settings, samples);

        List<Detection> actual =
                restoredAfter(157, settings, samples, rocksDb, new CapturedMetrics());
        assertThat(actual).hasSize(samples.size()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void evictedModelsAreRebuiltFromSnapshotAndJournalWithoutChangingOutputs(String engine)
            throws Exception {
        List<Sample> samples = interleaved(LEARNING_SAMPLES + 25, "a.b", "c.d", "e.f");
        CapturedMetrics roomy = new CapturedMetrics();
        CapturedMetrics cramped = new CapturedMetrics();
        List<Detection> withRoomForAll =
                uninterrupted(settings(engine, OutOfOrderPolicy.REJECT, 10, 3), samples, roomy);
        List<Detection> thrashing =
                uninterrupted(settings(engine, OutOfOrderPolicy.REJECT, 10, 1), samples, cramped);

        assertThat(thrashing).isEqualTo(withRoomForAll);
        assertThat(roomy.count("modelsCreated")).isEqualTo(3);
        assertThat(roomy.count("modelsRestored")).isZero();
        assertThat(roomy.count("modelComputeCpuMicros")).isPositive();
        assertThat(cramped.count("modelsCreated")).isEqualTo(3);
        // The cache keeps the first model live rather than evicting each just before its turn.
        assertThat(cramped.count("modelsRestored")).isEqualTo(2 * 25);
        assertThat(cramped.count("samplesReplayed")).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aModelRebuiltFromALongJournalIsSnapshottedAgainSoItsReplayStaysShort(String engine)
            throws Exception {
        List<Sample> samples = interleaved(LEARNING_SAMPLES + 25, "a.b", "c.e", "e.h");
        CapturedMetrics cramped = new CapturedMetrics();
        DetectorSettings settings = settings(engine, OutOfOrderPolicy.REJECT, 1000, 4, 1);
        List<Detection> expected =
                uninterrupted(settings(engine, OutOfOrderPolicy.REJECT, 1000, 3), samples);
        List<Detection> thrashing = uninterrupted(settings, samples, cramped);

        assertThat(thrashing).isEqualTo(expected);
        assertThat(settings.snapshotAfterReplay("c.e")).isEqualTo(4);
        assertThat(settings.snapshotAfterReplay("e.h")).isEqualTo(5);
        // a.b stays live; every sample of the two others rebuilds their models. c.e replays
        // journals of 0, 1, 2, 3 and 4 samples and snapshots after the 4: 5 rounds of 10; e.h
        // replays 0 to 5, 4 rounds of 15 (and 0 for its last sample).
        assertThat(cramped.count("modelsRestored")).isEqualTo(2 * 25);
        assertThat(cramped.count("samplesReplayed")).isEqualTo(5 * 10 + 4 * 15);
        assertThat(cramped.count("snapshotsWritten")).isEqualTo(3 + 5 + 4);
    }

    @Test
    void modelsRebuiltAfterARestoreIntoACacheWithRoomStayLiveWithoutNewSnapshots()
            throws Exception {
        DetectorSettings settings = settings(ENGINE, OutOfOrderPolicy.REJECT, 1000, 4, 4);
        List<Sample> samples = interleaved(LEARNING_SAMPLES + 12, "a.b", "c.d");
        CapturedMetrics restored = new CapturedMetrics();
        List<Detection> actual =
                restoredAfter(2 * (LEARNING_SAMPLES + 10), settings, samples, true, restored);

        assertThat(actual).isEqualTo(uninterrupted(settings, samples));
        // Each model replays its 10 journal samples once, then stays live: rewriting its
        // snapshot would only slow the catch-up.
        assertThat(restored.count("modelsRestored")).isEqualTo(2);
        assertThat(restored.count("samplesReplayed")).isEqualTo(2 * 10);
        assertThat(restored.count("snapshotsWritten")).isZero();
    }

    @Test
    void keepsFourStateEntriesPerMetricAndClearsTheJournalAtEachSnapshot() throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        try (var h = harness(settings(OutOfOrderPolicy.REJECT, 25, 4), false, metrics)) {
            h.open();
            Queue<Sample> samples = new ArrayDeque<>(interleaved(LEARNING_SAMPLES + 50, "a.b"));
            // the model's creation, then its first periodic snapshot
            while (metrics.count("snapshotsWritten") < 2) {
                h.processElement(new StreamRecord<>(samples.remove()));
            }
            // status + snapshot + activity; the journal was just cleared
            assertThat(h.numKeyedStateEntries()).isEqualTo(3);
            h.processElement(new StreamRecord<>(samples.remove()));
            assertThat(h.numKeyedStateEntries()).isEqualTo(4);
        }
    }
}
