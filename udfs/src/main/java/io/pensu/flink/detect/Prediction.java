package io.pensu.flink.detect;

/**
 * A predicted value for a future sample.
 *
 * @param timestampMillis when the predicted sample is expected (epoch milliseconds)
 * @param value the predicted value
 * @param confidence the classifier's probability for the predicted bucket, in [0, 1]
 */
public record Prediction(long timestampMillis, double value, double confidence) {}
