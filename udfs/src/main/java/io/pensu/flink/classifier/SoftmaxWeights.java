package io.pensu.flink.classifier;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One prediction step's single-layer softmax regression from active input bits to bucket slots: a
 * row of weights per bucket, allocated when the bucket is first seen.
 *
 * <p>Weights are stored as float, the classifier's largest state by far (input width x buckets x
 * steps), which halves its memory and snapshot; their precision is ample for logits built from
 * increments of alpha times an error below 1. All arithmetic is done in double and rounded to float
 * only when a weight is stored, so results are still fully deterministic.
 */
final class SoftmaxWeights {
    private static final int INITIAL_CAPACITY = 8;

    private final int inputWidth;
    private float[][] rows;
    private int count;

    SoftmaxWeights(int inputWidth) {
        this(inputWidth, INITIAL_CAPACITY);
    }

    private SoftmaxWeights(int inputWidth, int capacity) {
        this.inputWidth = inputWidth;
        this.rows = new float[capacity][];
    }

    /** Adds a row of zero weights for a new bucket at this slot. */
    void insertRow(int slot) {
        if (count == rows.length) {
            rows = Arrays.copyOf(rows, 2 * count);
        }
        System.arraycopy(rows, slot, rows, slot + 1, count - slot);
        rows[slot] = new float[inputWidth];
        count++;
    }

    /** The probability of each bucket slot given the active bits. */
    double[] probabilities(int[] activeBits) {
        double[] activations = new double[count];
        double highest = Double.NEGATIVE_INFINITY;
        for (int slot = 0; slot < count; slot++) {
            float[] row = rows[slot];
            double activation = 0;
            for (int bit : activeBits) {
                activation += row[bit];
            }
            activations[slot] = activation;
            highest = Math.max(highest, activation);
        }
        // Shifting by the highest activation keeps exp from overflowing; StrictMath keeps the
        // results identical on every JVM and CPU, which restored state relies on.
        double total = 0;
        for (int slot = 0; slot < count; slot++) {
            activations[slot] = StrictMath.exp(activations[slot] - highest);
            total += activations[slot];
        }
        for (int slot = 0; slot < count; slot++) {
            activations[slot] /= total;
        }
        return activations;
    }

    /** One gradient step of the cross-entropy loss towards the target slot. */
    void learn(int[] activeBits, int targetSlot, double alpha) {
        double[] predicted = probabilities(activeBits);
        for (int slot = 0; slot < count; slot++) {
            double target = slot == targetSlot ? 1.0 : 0.0;
            double change = alpha * (target - predicted[slot]);
            float[] row = rows[slot];
            for (int bit : activeBits) {
                row[bit] = (float) (row[bit] + change);
            }
        }
    }

    void writeTo(DataOutput out) throws IOException {
        for (int slot = 0; slot < count; slot++) {
            for (float weight : rows[slot]) {
                out.writeFloat(weight);
            }
        }
    }

    static SoftmaxWeights readFrom(DataInput in, int inputWidth, int count) throws IOException {
        SoftmaxWeights weights = new SoftmaxWeights(inputWidth, Math.max(count, INITIAL_CAPACITY));
        for (int slot = 0; slot < count; slot++) {
            float[] row = new float[inputWidth];
            for (int bit = 0; bit < inputWidth; bit++) {
                row[bit] = in.readFloat();
            }
            weights.rows[slot] = row;
        }
        weights.count = count;
        return weights;
    }
}
