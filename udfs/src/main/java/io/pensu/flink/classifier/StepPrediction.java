package io.pensu.flink.classifier;

/**
 * The value expected {@code steps} samples ahead and the classifier's probability for the bucket it
 * comes from.
 */
public record StepPrediction(int steps, double value, double confidence) {}
