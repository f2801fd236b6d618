package io.pensu.flink.detect;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.Sample;
import io.pensu.flink.state.DetectorStateDescriptors;
import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorQuotaTest extends DetectorTestBase {

    private static final int KEY_GROUPS = 128;

    private static DetectorSettings withQuota(int maxMetrics) {
        return settings(new StateLimits(maxMetrics, Duration.ZERO, Duration.ofMinutes(5)));
    }

    @Test
    void admitsTheFirstMetricsUpToTheQuotaAndDeadLettersTheSamplesOfOthers() throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        try (var h = new DetectorHarness(withQuota(2), false, metrics).open(null)) {
            h.feed(interleaved(LEARNING_SAMPLES, "a.b", "c.d", "e.f"));

            List<DeadLetter> letters = h.deadLetters();
            assertThat(letters).hasSize(LEARNING_SAMPLES);
            assertThat(letters)
                    .allMatch(
                            l -> l.reason() == RejectReason.OVER_QUOTA && l.metric().equals("e.f"));
            assertThat(letters.get(0).raw()).isEqualTo(sample("e.f", 0).line());
            assertThat(letters.get(0).message())
                    .isEqualTo(
                            "the metric is not modelled: the model quota is full"
                                    + " (PENSU_MAX_ALLOWED_MODELS=2, of which this subtask models"
                                    + " 2)");
            assertThat(h.detections())
                    .extracting(Detection::metric)
                    .containsOnly("a.b", "c.d")
                    .hasSize(2 * LEARNING_SAMPLES);
            assertThat(metrics.count("samplesOverQuota")).isEqualTo(LEARNING_SAMPLES);
            assertThat(metrics.count("rejected.over_quota")).isEqualTo(LEARNING_SAMPLES);
            assertThat(metrics.gauge("metricsAdmitted")).isEqualTo(2);
            assertThat(h.state("e.f", DetectorStateDescriptors.status()).value()).isNull();
        }
    }

    @Test
    void theAdmittedMetricsAndTheirCountSurviveARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var first = new DetectorHarness(withQuota(2), false, new CapturedMetrics())) {
            first.open(null).feed(interleaved(2, "a.b", "c.d"));
            snapshot = first.snapshot();
        }
        CapturedMetrics metrics = new CapturedMetrics();
        try (var second = new DetectorHarness(withQuota(2), false, metrics).open(snapshot)) {
            second.feed(List.of(sample("e.f", 2), sample("a.b", 2), sample("c.d", 2)));
            assertThat(second.deadLetters()).extracting(DeadLetter::metric).containsExactly("e.f");
            assertThat(metrics.gauge("metricsAdmitted")).isEqualTo(2);
        }
    }

    /**
     * Restored at twice the parallelism, each subtask takes back the counts of its own key groups
     * and admits new metrics only while under its new share, half the quota.
     */
    @Test
    void afterARescaleEachSubtaskKeepsItsMetricsAndAdmitsNewOnesOnlyUnderItsShare()
            throws Exception {
        List<String> names = IntStream.range(0, 40).mapToObj(i -> "m.n" + i).toList();
        List<String> firstSix = names.subList(0, 6);
        OperatorSubtaskState snapshot;
        try (var single =
                new DetectorHarness(withQuota(6), false, new CapturedMetrics(), KEY_GROUPS, 1, 0)) {
            single.open(null).feed(interleaved(1, firstSix.toArray(String[]::new)));
            assertThat(single.deadLetters()).isEmpty();
            snapshot = single.snapshot();
        }
        for (int subtask = 0; subtask < 2; subtask++) {
            int index = subtask;
            List<String> mine =
                    names.stream()
                            .filter(
                                    name ->
                                            KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                                            name, KEY_GROUPS, 2)
                                                    == index)
                            .toList();
            long kept = mine.stream().filter(firstSix::contains).count();
            List<String> newcomers = mine.stream().filter(n -> !firstSix.contains(n)).toList();
            CapturedMetrics metrics = new CapturedMetrics();
            try (var half =
                    new DetectorHarness(withQuota(6), false, metrics, KEY_GROUPS, 2, subtask)) {
                half.open(
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                snapshot, KEY_GROUPS, 1, 2, subtask));
                assertThat(metrics.gauge("metricsAdmitted")).isEqualTo((int) kept);
                half.feed(mine.stream().map(name -> sample(name, 1)).toList());

                long room = Math.max(0, 3 - kept);
                assertThat(half.deadLetters())
                        .extracting(DeadLetter::metric)
                        .containsExactlyElementsOf(
                                newcomers.subList(
                                        (int) Math.min(room, newcomers.size()), newcomers.size()));
                assertThat(metrics.gauge("metricsAdmitted"))
                        .isEqualTo((int) Math.max(kept, Math.min(3, kept + newcomers.size())));
            }
        }
    }

    @Test
    void metricsWithStateFromAnOlderReleaseAreAdmittedAndCountedAtTheirFirstSample()
            throws Exception {
        List<Sample> samples = interleaved(LEARNING_SAMPLES + 5, "a.b", "c.d");
        int cut = 2 * (LEARNING_SAMPLES + 2);
        OperatorSubtaskState snapshot;
        try (var first = new DetectorHarness(withQuota(10), false, new CapturedMetrics())) {
            first.open(null).feed(samples.subList(0, cut));
            snapshot = first.snapshot();
        }
        // An older release kept the detector's keyed state only: no activity, no quota counts.
        OperatorSubtaskState older =
                OperatorSubtaskState.builder()
                        .setManagedKeyedState(snapshot.getManagedKeyedState())
                        .build();
        CapturedMetrics metrics = new CapturedMetrics();
        try (var second = new DetectorHarness(withQuota(1), false, metrics).open(older)) {
            for (String metric : List.of("a.b", "c.d")) {
                second.state(metric, DetectorStateDescriptors.activity()).clear();
            }
            assertThat(metrics.gauge("metricsAdmitted")).isEqualTo(0);
            second.feed(samples.subList(cut, samples.size()));
            second.feed(List.of(sample("e.f", 0)));

            assertThat(second.detections())
                    .isEqualTo(uninterrupted(samples).subList(cut, samples.size()));
            assertThat(second.deadLetters()).extracting(DeadLetter::metric).containsExactly("e.f");
            assertThat(metrics.gauge("metricsAdmitted")).isEqualTo(2);
        }
    }

    private static List<Detection> uninterrupted(List<Sample> samples) throws Exception {
        try (var h = new DetectorHarness(withQuota(10), false, new CapturedMetrics()).open(null)) {
            h.feed(samples);
            return h.detections();
        }
    }
}
