package io.pensu.flink.likelihood;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

class NarrowTailTest {

    private static final double FLAT = LikelihoodEstimator.FLAT_VARIANCE;

    @Test
    void answersAsTheVarianceOfEveryValueWouldOnFlatNoisyAndDriftingMetrics() {
        Random random = new Random(11);
        IntToDoubleFunction[] metrics = {
            i -> 42.0,
            i -> 42.0 + 0.001 * random.nextGaussian(),
            i -> 42.0 + 0.004 * random.nextGaussian(),
            i -> 1e9 + 0.004 * random.nextGaussian(),
            i -> 10 * random.nextGaussian(),
            i -> 1e-5 * i,
            i -> (i / 700) % 2 == 0 ? 0.5 : 0.5 + 0.003 * random.nextGaussian(),
            i -> i % 500 == 0 ? 3.0 : 0.0,
            i -> random.nextInt(1000) == 0 ? 1e300 * random.nextGaussian() : -0.0,
        };
        int capacity = 600;
        int flatAnswers = 0;
        for (IntToDoubleFunction metric : metrics) {
            NarrowTail tail = new NarrowTail(capacity, FLAT);
            double[] window = new double[0];
            for (int i = 0; i < 3000; i++) {
                double value = metric.applyAsDouble(i);
                tail.append(value);
                window = newest(window, value, capacity);
                for (int skip : new int[] {0, 1, window.length / 2, window.length - 1}) {
                    boolean expected = NormalDistribution.populationVariance(window, skip) < FLAT;
                    assertThat(tail.isFlat(window.length - skip)).isEqualTo(expected);
                    flatAnswers += expected ? 1 : 0;
                }
            }
        }
        assertThat(flatAnswers).isGreaterThan(10_000);
    }

    @Test
    void keepsAFewValuesOfANoisyMetricAndEveryValueOfAFlatOne() {
        Random random = new Random(12);
        NarrowTail noisy = new NarrowTail(8640, FLAT);
        NarrowTail flat = new NarrowTail(8640, FLAT);

        for (int i = 0; i < 20_000; i++) {
            noisy.append(70 + random.nextGaussian());
            flat.append(70 + 1e-3 * random.nextGaussian());
        }

        assertThat(noisy.size()).isLessThan(10);
        assertThat(flat.size()).isEqualTo(8640);
    }

    private static double[] newest(double[] window, double value, int capacity) {
        double[] longer = Arrays.copyOf(window, window.length + 1);
        longer[window.length] = value;
        return longer.length > capacity ? Arrays.copyOfRange(longer, 1, longer.length) : longer;
    }
}
