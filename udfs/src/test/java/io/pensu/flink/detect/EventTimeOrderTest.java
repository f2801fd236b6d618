package io.pensu.flink.detect;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.Sample;
import io.pensu.flink.input.SeparateDeadLetters;
import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The detector ordering samples by event time: what waits, for how long, and in which order. */
class EventTimeOrderTest extends DetectorTestBase {

    private static final int SAMPLES = LEARNING_SAMPLES + 15;

    private final CapturedMetrics metrics = new CapturedMetrics();

    private static DetectorSettings settings(SampleOrder order) {
        return settings(ENGINE, OutOfOrderPolicy.REJECT, 50, 50, 4, order);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness(
            SampleOrder order) throws Exception {
        return MetricDetectorTest.harness(settings(order), true, metrics);
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness,
            Collection<Sample> samples)
            throws Exception {
        for (Sample s : samples) {
            harness.processElement(new StreamRecord<>(s, s.timestampMillis()));
        }
    }

    /** What the detector gives for these samples in arrival order, with no watermarks. */
    private List<Detection> inArrivalOrder(List<Sample> samples) throws Exception {
        try (var h = harness(SampleOrder.ARRIVAL)) {
            h.open();
            feed(h, samples);
            return List.copyOf(h.extractOutputValues());
        }
    }

    private static List<DeadLetter> deadLetters(
            KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness) {
        var side = harness.getSideOutput(SeparateDeadLetters.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void samplesShuffledWithinTheBoundReachTheModelInTimestampOrder() throws Exception {
        List<Sample> sorted = interleaved(SAMPLES, "a.b", "c.d");
        List<Sample> shuffled = new ArrayList<>(sorted);
        // Swap neighbours within blocks of six: each sample at most five places from its own.
        Random random = new Random(7);
        for (int block = 0; block + 6 <= shuffled.size(); block += 6) {
            Collections.shuffle(shuffled.subList(block, block + 6), random);
        }
        assertThat(shuffled).isNotEqualTo(sorted);

        try (var h = harness(SampleOrder.EVENT_TIME)) {
            h.open();
            long maxSeen = Long.MIN_VALUE;
            for (Sample s : shuffled) {
                feed(h, List.of(s));
                maxSeen = Math.max(maxSeen, s.timestampMillis());
                // A bound of three minutes, as the source's watermarks would have it.
                h.processWatermark(maxSeen - 3 * INTERVAL_MILLIS - 1);
            }
            h.processWatermark(Watermark.MAX_WATERMARK);

            assertThat(deadLetters(h)).isEmpty();
            assertThat(byMetric(List.copyOf(h.extractOutputValues())))
                    .isEqualTo(byMetric(inArrivalOrder(sorted)));
        }
    }

    @Test
    void aSampleWaitsUntilTheWatermarkPassesItWithOneTimerPerMetric() throws Exception {
        try (var h = harness(SampleOrder.EVENT_TIME)) {
            h.open();
            feed(h, interleaved(SAMPLES, "a.b", "c.d"));

            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isEqualTo(2);

            Sample lastDue = sample("a.b", LEARNING_SAMPLES + 2);
            h.processWatermark(lastDue.timestampMillis());

            // Per metric: the learning samples' outputs at model creation, then three more.
            List<Detection> released = List.copyOf(h.extractOutputValues());
            assertThat(released).hasSize(2 * (LEARNING_SAMPLES + 3));
            assertThat(released)
                    .filteredOn(d -> d.metric().equals("a.b"))
                    .last()
                    .extracting(Detection::timestampMillis)
                    .isEqualTo(lastDue.timestampMillis());
            assertThat(h.numEventTimeTimers()).isEqualTo(2);

            h.processWatermark(Watermark.MAX_WATERMARK);
            assertThat(h.extractOutputValues()).hasSize(2 * SAMPLES);
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void duplicatesWaitingTogetherKeepTheSameSampleWhateverTheirArrivalOrder() throws Exception {
        List<Sample> samples = interleaved(SAMPLES, "a.b");
        long at = samples.get(LEARNING_SAMPLES + 3).timestampMillis();
        Sample high = new Sample("a.b", at, 90.0, "a.b 90 " + at / 1000, "metrics", 1, 4L);
        Sample low = new Sample("a.b", at, 10.0, "a.b 10 " + at / 1000, "metrics", 0, 9L);

        List<List<Detection>> outputs = new ArrayList<>();
        for (List<Sample> duplicates : List.of(List.of(high, low), List.of(low, high))) {
            List<Sample> input = new ArrayList<>(samples);
            input.removeIf(s -> s.timestampMillis() == at);
            input.addAll(duplicates);
            try (var h = harness(SampleOrder.EVENT_TIME)) {
                h.open();
                feed(h, input);
                h.processWatermark(Watermark.MAX_WATERMARK);
                outputs.add(List.copyOf(h.extractOutputValues()));
                assertThat(deadLetters(h))
                        .extracting(DeadLetter::reason, DeadLetter::raw)
                        .containsExactly(tuple(RejectReason.DUPLICATE_TIMESTAMP, high.line()));
            }
        }
        assertThat(outputs.get(0)).isEqualTo(outputs.get(1)).hasSize(SAMPLES);
        assertThat(outputs.get(0))
                .filteredOn(d -> d.timestampMillis() == at)
                .extracting(Detection::value)
                .containsExactly(10.0);
    }

    @Test
    void behindTheWatermarkASampleIsProcessedAtOnceIfNewerThanItsMetricsLastOne() throws Exception {
        try (var h = harness(SampleOrder.EVENT_TIME)) {
            h.open();
            feed(h, interleaved(LEARNING_SAMPLES + 5, "a.b"));
            h.processWatermark(sample("a.b", LEARNING_SAMPLES + 10).timestampMillis());
            int processed = h.extractOutputValues().size();

            // A metric first seen behind the watermark, in order for itself: processed.
            feed(h, interleaved(LEARNING_SAMPLES + 1, "late.metric"));
            // Older than a.b's last processed sample: still a dead letter.
            feed(h, List.of(sample("a.b", 3)));

            assertThat(h.extractOutputValues()).hasSize(processed + LEARNING_SAMPLES + 1);
            assertThat(deadLetters(h))
                    .extracting(DeadLetter::reason, DeadLetter::raw)
                    .containsExactly(tuple(RejectReason.OUT_OF_ORDER, sample("a.b", 3).line()));
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(metrics.count("samplesBehindWatermark")).isEqualTo(LEARNING_SAMPLES + 2);
        }
    }

    @Test
    void waitingSamplesAndTheirTimerSurviveARestore() throws Exception {
        List<Sample> samples = interleaved(SAMPLES, "a.b", "c.d");
        OperatorSubtaskState snapshot;
        List<Detection> actual = new ArrayList<>();
        try (var first = harness(SampleOrder.EVENT_TIME)) {
            first.open();
            feed(first, samples);
            first.processWatermark(sample("a.b", LEARNING_SAMPLES).timestampMillis());
            snapshot = first.snapshot(1L, 1L);
            actual.addAll(first.extractOutputValues());
        }
        try (var second = harness(SampleOrder.EVENT_TIME)) {
            second.initializeState(snapshot);
            second.open();
            assertThat(second.numEventTimeTimers()).isEqualTo(2);
            second.processWatermark(Watermark.MAX_WATERMARK);
            actual.addAll(second.extractOutputValues());
        }
        assertThat(byMetric(actual)).isEqualTo(byMetric(inArrivalOrder(samples)));
    }

    @Test
    void orderedByArrivalAgainTheSamplesLeftWaitingGoFirst() throws Exception {
        List<Sample> samples = interleaved(SAMPLES, "a.b");
        OperatorSubtaskState snapshot;
        List<Detection> actual = new ArrayList<>();
        try (var first = harness(SampleOrder.EVENT_TIME)) {
            first.open();
            feed(first, samples.subList(0, SAMPLES - 1));
            snapshot = first.snapshot(1L, 1L);
        }
        try (var second = harness(SampleOrder.ARRIVAL)) {
            second.initializeState(snapshot);
            second.open();
            feed(second, samples.subList(SAMPLES - 1, SAMPLES));
            actual.addAll(second.extractOutputValues());
            assertThat(second.numEventTimeTimers()).isZero();
        }
        assertThat(actual).isEqualTo(inArrivalOrder(samples));
    }

    /** Each metric's outputs in their order; which metric's timer fires first is not fixed. */
    private static Map<String, List<Detection>> byMetric(List<Detection> detections) {
        return detections.stream()
                .collect(
                        Collectors.groupingBy(
                                Detection::metric, TreeMap::new, Collectors.toList()));
    }
}
