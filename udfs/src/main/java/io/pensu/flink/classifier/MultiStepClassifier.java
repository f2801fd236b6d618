package io.pensu.flink.classifier;

import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Predicts the value of a sample some steps ahead from the active bits of the current one, with
 * NuPIC's SDR classifier algorithm: for each step a single-layer softmax regression from active
 * bits to value slots, trained online on the pattern seen that many steps ago.
 *
 * <p>Unlike NuPIC, its size is bounded by its {@link ClassifierShape} however long the metric lives
 * and wherever its values go: a slot covers several encoder buckets, at most a fixed number of
 * slots are kept (a new one replaces the one seen least recently), and the input is folded onto a
 * fixed number of bits. What coarser slots lose in resolution the readout makes up: each slot
 * predicts the moving average of the values that fell into it, and the prediction is the slot at
 * the median of the predicted distribution, the value that minimises the expected absolute error.
 * Not thread-safe; one instance per metric.
 */
public final class MultiStepClassifier {
    /**
     * Format 3 has bounded slots with the sample each was last seen at, and folded input bits;
     * format 4 writes the same weights without their zeros, format 5 codes their high bits (see
     * {@link SoftmaxWeights}). Formats 1 (dense weight rows) and 2 (weight rows of the learned
     * bits) are still read: their pattern history is kept and their weights, of unbounded
     * fine-grained buckets, are left to be learned again.
     */
    private static final int SNAPSHOT_VERSION = 5;

    private static final int NON_ZERO_WEIGHTS_VERSION = 4;
    private static final int DENSE_SLOTS_VERSION = 3;

    private static final int LEARNED_BITS_VERSION = 2;
    private static final int DENSE_ROWS_VERSION = 1;

    private final int[] steps;
    private final double alpha;
    private final double actValueAlpha;
    private final int inputWidth;
    private final ClassifierShape shape;
    private final Buckets buckets;
    private final SoftmaxWeights[] weights;
    private final PatternHistory history;
    private long samples;

    /**
     * A classifier of the default shape.
     *
     * @param steps how many samples ahead to predict, each at least 1 and all different
     * @param alpha learning rate of the weights
     * @param actValueAlpha weight of a new value in its slot's moving average of values
     * @param inputWidth number of input bits; active bits are indices below it
     */
    public MultiStepClassifier(int[] steps, double alpha, double actValueAlpha, int inputWidth) {
        this(steps, alpha, actValueAlpha, inputWidth, ClassifierShape.DEFAULT);
    }

    public MultiStepClassifier(
            int[] steps,
            double alpha,
            double actValueAlpha,
            int inputWidth,
            ClassifierShape shape) {
        this(
                validSteps(steps),
                validAlpha(alpha),
                validActValueAlpha(actValueAlpha),
                validInputWidth(inputWidth),
                shape,
                new Buckets(actValueAlpha, shape.maxSlots()),
                newWeights(steps.length, foldedWidth(inputWidth, shape), shape.maxSlots()),
                new PatternHistory(Arrays.stream(steps).max().orElseThrow()));
    }

    private MultiStepClassifier(
            int[] steps,
            double alpha,
            double actValueAlpha,
            int inputWidth,
            ClassifierShape shape,
            Buckets buckets,
            SoftmaxWeights[] weights,
            PatternHistory history) {
        this.steps = steps;
        this.alpha = alpha;
        this.actValueAlpha = actValueAlpha;
        this.inputWidth = inputWidth;
        this.shape = shape;
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
     * @param bucketIndex the non-negative encoder bucket of the current value
     * @param value the current value, finite
     */
    public List<StepPrediction> compute(int[] activeBits, int bucketIndex, double value) {
        int[] pattern = foldedPattern(activeBits);
        if (bucketIndex < 0) {
            throw new IllegalArgumentException("Bucket index must not be negative: " + bucketIndex);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Value must be finite: " + value);
        }
        List<StepPrediction> predictions = infer(pattern);
        learn(pattern, bucketIndex / shape.bucketsPerSlot(), value);
        return predictions;
    }

    private List<StepPrediction> infer(int[] pattern) {
        if (buckets.count() == 0) {
            return List.of();
        }
        List<StepPrediction> predictions = new ArrayList<>(steps.length);
        for (int i = 0; i < steps.length; i++) {
            double[] probabilities = weights[i].probabilities(pattern);
            int best = median(probabilities, weights[i].slots());
            predictions.add(new StepPrediction(steps[i], buckets.value(best), probabilities[best]));
        }
        return predictions;
    }

    /** The first slot, in value order, at which the probabilities add up to one half. */
    private static int median(double[] probabilities, int slots) {
        double cumulative = 0;
        for (int slot = 0; slot < slots - 1; slot++) {
            cumulative += probabilities[slot];
            if (cumulative >= 0.5) {
                return slot;
            }
        }
        return slots - 1;
    }

    private void learn(int[] pattern, int slotIndex, double value) {
        int slot = buckets.find(slotIndex);
        if (slot >= 0) {
            buckets.observe(slot, value, samples);
        } else {
            if (buckets.full()) {
                int evicted = buckets.leastRecentlySeen();
                buckets.remove(evicted);
                for (SoftmaxWeights stepWeights : weights) {
                    stepWeights.removeRow(evicted);
                }
            }
            slot = -buckets.find(slotIndex) - 1;
            buckets.insert(slot, slotIndex, value, samples);
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
        samples++;
    }

    /**
     * The active bits folded onto the shape's input bits, sorted so that sums run in a fixed order;
     * a new array, so that the caller's can be reused.
     */
    private int[] foldedPattern(int[] activeBits) {
        int[] sorted = activeBits.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= inputWidth) {
                throw new IllegalArgumentException(
                        "Active bit " + sorted[i] + " outside the input width " + inputWidth);
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("Active bit " + sorted[i] + " repeated");
            }
        }
        return fold(sorted, foldedWidth(inputWidth, shape));
    }

    /** Each bit modulo the width, sorted and without repeats. */
    private static int[] fold(int[] bits, int width) {
        int[] folded = new int[bits.length];
        for (int i = 0; i < bits.length; i++) {
            folded[i] = bits[i] % width;
        }
        Arrays.sort(folded);
        int distinct = 0;
        for (int i = 0; i < folded.length; i++) {
            if (i == 0 || folded[i] != folded[distinct - 1]) {
                folded[distinct++] = folded[i];
            }
        }
        return distinct == folded.length ? folded : Arrays.copyOf(folded, distinct);
    }

    private static int foldedWidth(int inputWidth, ClassifierShape shape) {
        return Math.min(inputWidth, shape.inputBits());
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
        out.writeInt(shape.maxSlots());
        out.writeInt(shape.bucketsPerSlot());
        out.writeInt(shape.inputBits());
        out.writeLong(samples);
        buckets.writeTo(out);
        for (SoftmaxWeights stepWeights : weights) {
            stepWeights.writeTo(out);
        }
        history.writeTo(out);
    }

    public static MultiStepClassifier readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != SNAPSHOT_VERSION
                && version != NON_ZERO_WEIGHTS_VERSION
                && version != DENSE_SLOTS_VERSION
                && version != LEARNED_BITS_VERSION
                && version != DENSE_ROWS_VERSION) {
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
        ClassifierShape shape;
        try {
            validSteps(steps);
            validAlpha(alpha);
            validActValueAlpha(actValueAlpha);
            validInputWidth(inputWidth);
            shape =
                    version >= DENSE_SLOTS_VERSION
                            ? new ClassifierShape(in.readInt(), in.readInt(), in.readInt())
                            : ClassifierShape.DEFAULT;
        } catch (IllegalArgumentException e) {
            throw new IOException("Invalid classifier settings in snapshot: " + e.getMessage(), e);
        }
        int historyLength = Arrays.stream(steps).max().orElseThrow();
        if (version < DENSE_SLOTS_VERSION) {
            int bucketCount = Buckets.skipFormat2(in);
            for (int i = 0; i < stepCount; i++) {
                if (version == DENSE_ROWS_VERSION) {
                    SoftmaxWeights.skipFormat1(in, inputWidth, bucketCount);
                } else {
                    SoftmaxWeights.skipFormat2(in, inputWidth, bucketCount);
                }
            }
            PatternHistory history = PatternHistory.readFrom(in, historyLength, inputWidth);
            MultiStepClassifier restored =
                    new MultiStepClassifier(steps, alpha, actValueAlpha, inputWidth, shape);
            for (int age = historyLength; age >= 1; age--) {
                int[] pattern = history.stepsAgo(age);
                if (pattern != null) {
                    restored.history.push(fold(pattern, foldedWidth(inputWidth, shape)));
                }
            }
            return restored;
        }
        long samples = in.readLong();
        Buckets buckets = Buckets.readFrom(in, actValueAlpha, shape.maxSlots());
        int width = foldedWidth(inputWidth, shape);
        SoftmaxWeights[] weights = new SoftmaxWeights[stepCount];
        for (int i = 0; i < stepCount; i++) {
            weights[i] =
                    switch (version) {
                        case SNAPSHOT_VERSION ->
                                SoftmaxWeights.readFrom(
                                        in, width, shape.maxSlots(), buckets.count());
                        case NON_ZERO_WEIGHTS_VERSION ->
                                SoftmaxWeights.readFormat4(
                                        in, width, shape.maxSlots(), buckets.count());
                        default ->
                                SoftmaxWeights.readFormat3(
                                        in, width, shape.maxSlots(), buckets.count());
                    };
        }
        PatternHistory history = PatternHistory.readFrom(in, historyLength, width);
        MultiStepClassifier read =
                new MultiStepClassifier(
                        steps, alpha, actValueAlpha, inputWidth, shape, buckets, weights, history);
        read.samples = samples;
        return read;
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

    private static SoftmaxWeights[] newWeights(int stepCount, int inputWidth, int maxSlots) {
        SoftmaxWeights[] weights = new SoftmaxWeights[stepCount];
        for (int i = 0; i < stepCount; i++) {
            weights[i] = new SoftmaxWeights(inputWidth, maxSlots);
        }
        return weights;
    }
}
