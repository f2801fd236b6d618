package io.pensu.flink.residual;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResidualRunTest {

    @Test
    void fishersMethodForOneAndTwoTests() {
        assertThat(ResidualRun.fisher(0.01, 1)).isCloseTo(0.99, within(1e-12));
        double q = 1e-6;
        assertThat(ResidualRun.fisher(q, 2)).isCloseTo(1 - q * (1 - Math.log(q)), within(1e-15));
        assertThat(ResidualRun.fisher(0, 3)).isEqualTo(1.0);
    }

    @Test
    void silentUntilItHasSeenADayOfSamples() {
        ResidualRun run = new ResidualRun();
        for (int i = 0; i < ResidualDetector.MIN_HISTORY; i++) {
            assertThat(run.add(1, 0.999)).isEqualTo(0.999);
        }
    }

    /** Two samples at 0.999 in the same tail, after a history without runs: a rare run. */
    @Test
    void aRunOfSamplesInTheSameTailCountsMoreThanEachAloneWhereRunsAreRare() {
        ResidualRun run = history(0);

        assertThat(run.add(5, 0.999)).isEqualTo(0.999);
        assertThat(run.add(5, 0.999)).isGreaterThan(0.9999);
    }

    /** The same run where every few samples make one as strong is no evidence beyond each alone. */
    @Test
    void aRunIsWeakEvidenceWhereRunsAreCommon() {
        ResidualRun run = history(4);

        run.add(5, 0.999);
        assertThat(run.add(5, 0.999)).isLessThan(0.9999);
    }

    @Test
    void aSampleInTheOtherTailOrWithoutEvidenceStartsAgain() {
        ResidualRun run = history(0);
        run.add(5, 0.999);

        assertThat(run.add(-5, 0.999)).isEqualTo(0.999);
        assertThat(run.add(0, 0)).isEqualTo(0);
        assertThat(run.add(5, 0.999)).isEqualTo(0.999);
    }

    /** A full history, every {@code every}-th sample starting a run of two at 0.999 (0: none). */
    private static ResidualRun history(int every) {
        ResidualRun run = new ResidualRun();
        for (int i = 0; i < ResidualDetector.HISTORY; i++) {
            boolean inRun = every > 0 && i % every < 2;
            run.add(1, inRun ? 0.999 : 0);
        }
        run.add(1, 0);
        return run;
    }
}
