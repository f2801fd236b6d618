package io.pensu.flink.classifier;

import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Predicts the bucket, and so the value, of a sample some steps ahead from the active bits of the
 * current one, with NuPIC's SDR classifier algorithm: for each step a single-layer softmax
 * regression from active bits to buckets, trained online on the pattern seen that many steps ago.
 * Unlike NuPIC, the softmax covers only the buckets seen so far rather than every index up to the
 * highest, and the input bits learned so far rather than the whole input, so that sparse bucket
 * indices and never-active bits cost nothing. Not thread-safe; one instance per metric.
 */
public final class MultiStepClassifier {
    /**
     * Format 2 has weight rows of the learned bits only, written in one block; format 1, dense rows
     * of the input width, is still read.
     */
    private static final int SNAPSHOT_VERSION = 2;

    private static final int DENSE_ROWS_VERSION = 1;

    private final int[] steps;
    private final double alpha;
    private final double actValueAlpha;
    private final int inputWidth;
    private final Buckets buckets;
    private final SoftmaxWeights[] weights;
    private final PatternHistory history;

    /**
     * @param steps how many samples ahead to predict, each at least 1 and all different
     * @param alpha learning rate of the weights
     * @param actValueAlpha weight of a new value in its bucket's moving average of values
     * @param inputWidth number of input bits; active bits are indices below it
     */
    public MultiStepClassifier(int[] steps, double alpha, double actValueAlpha, int inputWidth) {
        this(
                validSteps(steps),
                validAlpha(alpha),
                validActValueAlpha(actValueAlpha),
                validInputWidth(inputWidth),
                new Buckets(actValueAlpha),
                newWeights(steps.length, inputWidth),
                new PatternHistory(Arrays.stream(steps).max().orElseThrow()));
    }

    private MultiStepClassifier(
            int[] steps,
            double alpha,
            double actValueAlpha,
            int inputWidth,
            Buckets buckets,
            SoftmaxWeights[] weights,
            PatternHistory history) {
        this.steps = steps;
        this.alpha = alpha;
        this.actValueAlpha = actValueAlpha;
        this.inputWidth = inputWidth;
        this.buckets = buckets;
        this.weights = weights;
        this.history = history;
    }

    /**
     * Predicts from the active bits, then learns that they belong to the bucket and value, in that
     * order (as NuPIC does). Returns one prediction per step, in the constructor's order, or an
     * empty list while no bucket is known yet.
     *
     * @param activeBits distinct indices below the input width, in any order
     * @param bucketIndex the non-negative bucket of the current value
     * @param value the current value, finite
     */
    public List<StepPrediction> compute(int[] activeBits, int bucketIndex, double value) {
        int[] pattern = validPattern(activeBits);
        if (bucketIndex < 0) {
            throw new IllegalArgumentException("Bucket index must not be negative: " + bucketIndex);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Value must be finite: " + value);
        }
        List<StepPrediction> predictions = infer(pattern);
        learn(pattern, bucketIndex, value);
        return predictions;
    }

    private List<StepPrediction> infer(int[] pattern) {
        if (buckets.count() == 0) {
            return List.of();
        }
        List<StepPrediction> predictions = new ArrayList<>(steps.length);
        for (int i = 0; i < steps.length; i++) {
            double[] probabilities = weights[i].probabilities(pattern);
            int best = 0;
            for (int slot = 1; slot < probabilities.length; slot++) {
                if (probabilities[slot] > probabilities[best]) {
                    best = slot;
                }
            }
            predictions.add(new StepPrediction(steps[i], buckets.value(best), probabilities[best]));
        }
        return predictions;
    }

    private void learn(int[] pattern, int bucketIndex, double value) {
        int slot = buckets.find(bucketIndex);
        if (slot >= 0) {
            buckets.observe(slot, value);
        } else {
            slot = -slot - 1;
            buckets.insert(slot, bucketIndex, value);
            for (SoftmaxWeights stepWeights : weights) {
                stepWeights.insertRow(slot);
            }
        }
        for (int i = 0; i < steps.length; i++) {
            int[] earlier = history.stepsAgo(steps[i]);
            if (earlier != null) {
                weights[i].learn(earlier, slot, alpha);
            }
        }
        history.push(pattern);
    }

    /** A sorted copy, so that the caller's array can be reused and sums run in a fixed order. */
    private int[] validPattern(int[] activeBits) {
        int[] pattern = activeBits.clone();
        Arrays.sort(pattern);
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] < 0 || pattern[i] >= inputWidth) {
                throw new IllegalArgumentException(
                        "Active bit " + pattern[i] + " outside the input width " + inputWidth);
            }
            if (i > 0 && pattern[i] == pattern[i - 1]) {
                throw new IllegalArgumentException("Active bit " + pattern[i] + " repeated");
            }
        }
        return pattern;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(SNAPSHOT_VERSION);
        out.writeInt(steps.length);
        for (int step : steps) {
            out.writeInt(step);
        }
        out.writeDouble(alpha);
        out.writeDouble(actValueAlpha);
        out.writeInt(inputWidth);
        buckets.writeTo(out);
        for (SoftmaxWeights stepWeights : weights) {
            stepWeights.writeTo(out);
        }
        history.writeTo(out);
    }

    public static MultiStepClassifier readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != SNAPSHOT_VERSION && version != DENSE_ROWS_VERSION) {
            throw new IOException("Unknown classifier snapshot version " + version);
        }
        int stepCount = in.readInt();
        if (stepCount < 1) {
            throw new IOException("No prediction steps in snapshot");
        }
        SnapshotInput.requireBytes(in, (long) stepCount * Integer.BYTES, "prediction steps");
        int[] steps = new int[stepCount];
        for (int i = 0; i < stepCount; i++) {
            steps[i] = in.readInt();
        }
        double alpha = in.readDouble();
        double actValueAlpha = in.readDouble();
        int inputWidth = in.readInt();
        try {
            validSteps(steps);
            validAlpha(alpha);
            validActValueAlpha(actValueAlpha);
            validInputWidth(inputWidth);
        } catch (IllegalArgumentException e) {
            throw new IOException("Invalid classifier settings in snapshot: " + e.getMessage(), e);
        }
        Buckets buckets = Buckets.readFrom(in, actValueAlpha);
        SoftmaxWeights[] weights = new SoftmaxWeights[stepCount];
        for (int i = 0; i < stepCount; i++) {
            weights[i] =
                    version == DENSE_ROWS_VERSION
                            ? SoftmaxWeights.readVersion1(in, inputWidth, buckets.count())
                            : SoftmaxWeights.readFrom(in, inputWidth, buckets.count());
        }
        PatternHistory history =
                PatternHistory.readFrom(in, Arrays.stream(steps).max().orElseThrow(), inputWidth);
        return new MultiStepClassifier(
                steps, alpha, actValueAlpha, inputWidth, buckets, weights, history);
    }

    private static int[] validSteps(int[] steps) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("At least one prediction step is needed");
        }
        if (Arrays.stream(steps).anyMatch(step -> step < 1)) {
            throw new IllegalArgumentException(
                    "Steps must be at least 1, got " + Arrays.toString(steps));
        }
        if (Arrays.stream(steps).distinct().count() != steps.length) {
            throw new IllegalArgumentException(
                    "Steps must be different, got " + Arrays.toString(steps));
        }
        return steps.clone();
    }

    private static double validAlpha(double alpha) {
        if (!(alpha > 0 && Double.isFinite(alpha))) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
        return alpha;
    }

    private static double validActValueAlpha(double actValueAlpha) {
        if (!(actValueAlpha >= 0 && actValueAlpha <= 1)) {
            throw new IllegalArgumentException(
                    "actValueAlpha must be between 0 and 1, got " + actValueAlpha);
        }
        return actValueAlpha;
    }

    private static int validInputWidth(int inputWidth) {
        if (inputWidth < 1) {
            throw new IllegalArgumentException("inputWidth must be positive, got " + inputWidth);
        }
        return inputWidth;
    }

    private static SoftmaxWeights[] newWeights(int stepCount, int inputWidth) {
        SoftmaxWeights[] weights = new SoftmaxWeights[stepCount];
        for (int i = 0; i < stepCount; i++) {
            weights[i] = new SoftmaxWeights(inputWidth);
        }
        return weights;
    }
}
