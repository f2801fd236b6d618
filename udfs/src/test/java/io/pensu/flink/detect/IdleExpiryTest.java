package io.pensu.flink.detect;

import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.Sample;
import io.pensu.flink.state.DetectorStateDescriptors;
import io.pensu.flink.state.MetricActivity;
import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdleExpiryTest extends DetectorTestBase {

    private static final long MINUTE = 60_000L;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static DetectorSettings settings(int maxMetrics, Duration idleTimeout) {
        return settings(new StateLimits(maxMetrics, idleTimeout, Duration.ofMinutes(5)));
    }

    /** Every keyed state the detector holds for {@code metric}, by name. */
    private static List<String> stateOf(DetectorHarness h, String metric) throws Exception {
        List<String> held = new ArrayList<>();
        if (h.state(metric, DetectorStateDescriptors.status()).value() != null) {
            held.add("status");
        }
        if (h.state(metric, DetectorStateDescriptors.modelSnapshot()).value() != null) {
            held.add("snapshot");
        }
        // The backend's own list state reads an empty list as null.
        if (h.state(metric, DetectorStateDescriptors.journal()).get() != null) {
            held.add("journal");
        }
        if (h.state(metric, DetectorStateDescriptors.activity()).value() != null) {
            held.add("activity");
        }
        return held;
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void aMetricQuietForTheTimeoutIsForgottenAndLearnedAgainWhenItComesBack(boolean rocksDb)
            throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        try (var h = new DetectorHarness(settings(10, TIMEOUT), rocksDb, metrics).open(null)) {
            h.setProcessingTime(0);
            h.feed(interleaved(LEARNING_SAMPLES + 5, "a.b", "c.d"));
            h.setProcessingTime(6 * MINUTE);
            h.feed(List.of(sample("c.d", LEARNING_SAMPLES + 5)));

            h.setProcessingTime(10 * MINUTE);
            assertThat(stateOf(h, "a.b")).isEmpty();
            assertThat(stateOf(h, "c.d")).contains("status", "snapshot", "activity");
            assertThat(metrics.count("metricsExpired")).isEqualTo(1);

            h.setProcessingTime(16 * MINUTE);
            assertThat(stateOf(h, "c.d")).isEmpty();
            if (!rocksDb) { // only the heap backend counts its entries
                assertThat(h.numKeyedStateEntries()).isZero();
            }
            assertThat(metrics.count("metricsExpired")).isEqualTo(2);
            assertThat(metrics.gauge("metricsAdmitted")).isEqualTo(0);

            int before = h.detections().size();
            List<Sample> comeback = new ArrayList<>();
            for (int i = 100; i < 100 + LEARNING_SAMPLES; i++) {
                comeback.add(sample("a.b", i));
            }
            h.feed(comeback);
            List<Detection> out = h.detections();
            assertThat(out.subList(before, out.size()))
                    .as("a new model, learned from the samples after the expiry")
                    .isEqualTo(freshRun(comeback));
        }
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void aSampleWithinTheTimeoutKeepsTheMetricWithOneTimerAtATime(boolean rocksDb)
            throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        try (var h = new DetectorHarness(settings(10, TIMEOUT), rocksDb, metrics).open(null)) {
            for (int i = 0; i < 30; i++) {
                h.setProcessingTime(i * 3 * MINUTE);
                h.feed(List.of(sample("a.b", i)));
                assertThat(
                                h.state("a.b", DetectorStateDescriptors.activity())
                                        .value()
                                        .timerMillis())
                        .isNotEqualTo(MetricActivity.NO_TIMER);
            }
            assertThat(metrics.count("metricsExpired")).isZero();
            assertThat(stateOf(h, "a.b")).contains("status", "activity");
        }
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void anExpiredMetricFreesItsQuotaSlot(boolean rocksDb) throws Exception {
        try (var h = new DetectorHarness(settings(1, TIMEOUT), rocksDb, new CapturedMetrics())) {
            h.open(null);
            h.setProcessingTime(0);
            h.feed(List.of(sample("a.b", 0), sample("c.d", 0)));
            assertThat(h.deadLetters())
                    .extracting(letter -> letter.reason() + " " + letter.metric())
                    .containsExactly("OVER_QUOTA c.d");

            h.setProcessingTime(10 * MINUTE);
            h.feed(List.of(sample("c.d", 1)));
            assertThat(h.deadLetters()).hasSize(1);
            assertThat(stateOf(h, "c.d")).contains("status", "activity");
            assertThat(stateOf(h, "a.b")).isEmpty();
        }
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void afterARestoreTheIdleClockStartsAgainSoTheBacklogCanArriveFirst(boolean rocksDb)
            throws Exception {
        DetectorSettings settings = settings(10, TIMEOUT);
        OperatorSubtaskState snapshot;
        try (var first = new DetectorHarness(settings, rocksDb, new CapturedMetrics())) {
            first.open(null);
            first.setProcessingTime(0);
            first.feed(List.of(sample("a.b", 0)));
            snapshot = first.snapshot();
        }
        long restart = 24 * 60 * MINUTE;
        CapturedMetrics metrics = new CapturedMetrics();
        try (var second = new DetectorHarness(settings, rocksDb, metrics).open(snapshot)) {
            second.setProcessingTime(restart);
            assertThat(stateOf(second, "a.b")).contains("status", "activity");
            second.setProcessingTime(restart + 10 * MINUTE);
            assertThat(stateOf(second, "a.b")).isEmpty();
            assertThat(metrics.count("metricsExpired")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void aTimeoutOfZeroKeepsEveryMetricAndSetsNoTimers(boolean rocksDb) throws Exception {
        try (var h =
                new DetectorHarness(settings(10, Duration.ZERO), rocksDb, new CapturedMetrics())) {
            h.open(null);
            h.setProcessingTime(0);
            h.feed(interleaved(3, "a.b", "c.d"));
            h.setProcessingTime(365L * 24 * 60 * MINUTE);
            assertThat(stateOf(h, "a.b")).contains("status", "activity");
            assertThat(h.state("a.b", DetectorStateDescriptors.activity()).value().timerMillis())
                    .isEqualTo(MetricActivity.NO_TIMER);
            assertThat(h.deadLetters()).noneMatch(l -> l.reason() == RejectReason.OVER_QUOTA);
        }
    }

    private static List<Detection> freshRun(List<Sample> samples) throws Exception {
        try (var h =
                new DetectorHarness(settings(10, TIMEOUT), false, new CapturedMetrics())
                        .open(null)) {
            h.feed(samples);
            return h.detections();
        }
    }
}
