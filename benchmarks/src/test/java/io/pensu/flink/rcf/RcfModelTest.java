package io.pensu.flink.rcf;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RcfModelTest {

    private static final long START = 1_704_067_200_000L;
    private static final long STEP = 300_000L;
    private static final int SAMPLES = 1500;
    private static final int SPIKE = 1200;

    /** A daily cycle with noise, and at {@link #SPIKE} one value three times the cycle's top. */
    private static double[] series() {
        SplittableRandom noise = new SplittableRandom(1);
        double[] values = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            values[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288) + noise.nextGaussian();
        }
        values[SPIKE] = 210;
        return values;
    }

    private static double[] grades(double[] values, long seed) {
        RcfModel model = new RcfModel(seed);
        double[] grades = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            grades[i] = model.process(START + i * STEP, values[i]);
        }
        return grades;
    }

    @Test
    void theSameInputGivesTheSameGrades() {
        double[] values = series();

        assertThat(grades(values, 42)).containsExactly(grades(values, 42));
    }

    @Test
    void gradesAClearSpikeAndStaysQuietBeforeIt() {
        double[] grades = grades(series(), 42);

        assertThat(grades[SPIKE]).isGreaterThan(0.5);
        for (int i = 0; i < RcfModel.MIN_SAMPLES; i++) {
            assertThat(grades[i]).isZero();
        }
        assertThat(Arrays.stream(grades).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(Arrays.stream(grades).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void serializesItsState() {
        RcfModel model = new RcfModel(42);
        double[] values = series();
        for (int i = 0; i < 500; i++) {
            model.process(START + i * STEP, values[i]);
        }

        assertThat(model.serialize()).hasSizeGreaterThan(10_000);
    }
}
