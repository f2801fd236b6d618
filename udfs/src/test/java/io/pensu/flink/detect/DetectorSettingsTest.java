package io.pensu.flink.detect;

import io.pensu.flink.state.MetricStatus;

import org.junit.jupiter.api.Test;

import java.util.IntSummaryStatistics;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorSettingsTest extends DetectorTestBase {

    private static IntSummaryStatistics replayLimits(int setting) {
        DetectorSettings settings = settings("compact", OutOfOrderPolicy.REJECT, 1000, setting, 1);
        return IntStream.range(0, 10_000)
                .map(i -> settings.snapshotAfterReplay("servers.web" + i + ".cpu"))
                .summaryStatistics();
    }

    @Test
    void spreadsTheReplayAfterWhichAModelIsSnapshottedAroundTheSetting() {
        IntSummaryStatistics limits = replayLimits(8);

        assertThat(limits.getMin()).isEqualTo(4);
        assertThat(limits.getMax()).isEqualTo(11);
        assertThat(limits.getAverage()).isBetween(7.3, 7.7);
    }

    @Test
    void snapshotsOnlyAfterAReplayEvenWhenSetToOne() {
        IntSummaryStatistics limits = replayLimits(1);

        assertThat(limits.getMin()).isEqualTo(1);
        assertThat(limits.getMax()).isEqualTo(1);
    }

    @Test
    void metricsCreatedTogetherTakeTheirPeriodicSnapshotsSpreadOverTheInterval() {
        DetectorSettings settings = settings(OutOfOrderPolicy.REJECT, 100, 4);
        int[] snapshotsPerRound = new int[300];
        for (int m = 0; m < 10_000; m++) {
            String metric = "servers.web" + m + ".cpu";
            // every model created at the same sample, its journal then empty
            MetricStatus status = new MetricStatus(0, 20, 0, true);
            int snapshots = 0;
            for (int round = 0; round < snapshotsPerRound.length; round++) {
                status = status.accept(round + 1);
                assertThat(status.journalLength()).isLessThanOrEqualTo(100);
                if (settings.periodicSnapshotDue(metric, status)) {
                    status = status.snapshotted();
                    snapshotsPerRound[round]++;
                    snapshots++;
                }
            }
            assertThat(snapshots).isEqualTo(3);
        }
        // 100 a round on average; all 10,000 in one round without the spread
        IntSummaryStatistics perRound = IntStream.of(snapshotsPerRound).summaryStatistics();
        assertThat(perRound.getMax()).isLessThan(150);
        assertThat(perRound.getMin()).isGreaterThan(50);
    }

    @Test
    void aJournalLongerThanTheIntervalIsSnapshottedAtItsNextSample() {
        DetectorSettings settings = settings(OutOfOrderPolicy.REJECT, 100, 4);
        // a journal from a release, or an interval, that snapshotted later
        MetricStatus status = new MetricStatus(0, 500, 99, true);

        for (int m = 0; m < 1_000; m++) {
            assertThat(settings.periodicSnapshotDue("servers.web" + m + ".cpu", status.accept(1)))
                    .isTrue();
        }
    }
}
