package io.pensu.flink.bench;

import java.util.SplittableRandom;

/**
 * A realistic metric for the engine benchmarks: a daily cycle (50 +- 40) with Gaussian noise (sd
 * 2), one sample every 5 minutes, the same values for the same seed. Drawn on demand, so a
 * benchmark can run for as many samples as its iterations take.
 */
final class DailyPattern {

    static final long START_MILLIS = 1_704_067_200_000L;
    static final long STEP_MILLIS = 300_000L;
    static final int SAMPLES_PER_DAY = 288;

    private final SplittableRandom noise;
    private long next;

    DailyPattern(long seed) {
        this.noise = new SplittableRandom(seed);
    }

    /** The timestamp of the sample {@link #nextValue} returns next. */
    long nextTimestampMillis() {
        return START_MILLIS + next * STEP_MILLIS;
    }

    double nextValue() {
        double value =
                50 + 40 * Math.sin(2 * Math.PI * next / SAMPLES_PER_DAY) + 2 * noise.nextGaussian();
        next++;
        return value;
    }

    /** The next {@code count} values, for learning an encoder range. */
    double[] nextValues(int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = nextValue();
        }
        return values;
    }
}
