package io.pensu.flink.nab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunTailTest {

    @Test
    void silentUntilItHasSeenADay() {
        RunTail tail = new RunTail();
        for (int i = 0; i < RunTail.MIN_HISTORY; i++) {
            assertThat(tail.tailProbability(i % 2 == 0 ? 0 : 50)).isEqualTo(1.0);
        }
    }

    @Test
    void aStatisticCommonInTheHistoryIsWeakEvidenceThere() {
        RunTail quiet = new RunTail();
        RunTail runs = new RunTail();
        for (int i = 0; i < RunTail.HISTORY; i++) {
            quiet.tailProbability(i % 100 == 0 ? 2 : 0);
            runs.tailProbability(i % 4 == 0 ? 12 : 0);
        }

        double inQuiet = quiet.tailProbability(16);
        double inRuns = runs.tailProbability(16);

        assertThat(inQuiet).isLessThan(1e-5);
        assertThat(inRuns).isGreaterThan(1e-4);
    }
}
