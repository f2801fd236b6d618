package io.pensu.flink.detect;

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
}
