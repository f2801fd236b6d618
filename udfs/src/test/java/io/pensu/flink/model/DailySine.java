package io.pensu.flink.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A synthetic metric for model tests: a sine with a period of one day, sampled every 30 minutes,
 * optionally with a spike.
 */
public record DailySine(double mean, double amplitude) {

    public static final int SAMPLES_PER_DAY = 48;
    public static final long START_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    public static final long STEP_MILLIS = Duration.ofMinutes(30).toMillis();

    public static long timestamp(int sample) {
        return START_MILLIS + sample * STEP_MILLIS;
    }

    public double value(int sample) {
        return mean + amplitude * Math.sin(2 * Math.PI * sample / SAMPLES_PER_DAY);
    }

    /** The metric's values for the samples {@code [0, count)}. */
    public double[] values(int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = value(i);
        }
        return values;
    }
}
