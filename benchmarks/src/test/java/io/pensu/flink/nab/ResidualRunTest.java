package io.pensu.flink.nab;

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
    void aRunOfSamplesInTheSameTailCountsMoreThanEachAlone() {
        ResidualRun run = settled();

        assertThat(run.add(5, 0.999)).isEqualTo(0.999);
        double two = run.add(5, 0.999);

        assertThat(two).isCloseTo(ResidualRun.fisher(1e-6, 2), within(1e-12)).isGreaterThan(0.9999);
    }

    @Test
    void aSampleInTheOtherTailOrWithoutEvidenceStartsAgain() {
        ResidualRun run = settled();
        run.add(5, 0.999);

        assertThat(run.add(-5, 0.999)).isEqualTo(0.999);
        assertThat(run.add(0, 0)).isEqualTo(0);
        assertThat(run.add(5, 0.999)).isEqualTo(0.999);
    }

    /** A residual first: before it the run has nothing to go on. */
    private static ResidualRun settled() {
        ResidualRun run = new ResidualRun(false);
        assertThat(run.add(Double.NaN, 0)).isZero();
        return run;
    }
}
