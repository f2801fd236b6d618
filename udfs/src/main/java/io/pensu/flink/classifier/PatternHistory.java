package io.pensu.flink.classifier;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The active-bit patterns of the last few samples, as many as the longest prediction step. */
final class PatternHistory {
    private final int[][] patterns;
    private int next;
    private int count;

    PatternHistory(int capacity) {
        this.patterns = new int[capacity][];
    }

    void push(int[] pattern) {
        patterns[next] = pattern;
        next = (next + 1) % patterns.length;
        count = Math.min(count + 1, patterns.length);
    }

    /** The pattern pushed {@code steps} pushes ago (1 is the latest), or null if not that old. */
    int[] stepsAgo(int steps) {
        if (steps > count) {
            return null;
        }
        return patterns[Math.floorMod(next - steps, patterns.length)];
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(count);
        for (int steps = count; steps >= 1; steps--) {
            int[] pattern = stepsAgo(steps);
            out.writeInt(pattern.length);
            for (int bit : pattern) {
                out.writeInt(bit);
            }
        }
    }

    static PatternHistory readFrom(DataInput in, int capacity, int inputWidth) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > capacity) {
            throw new IOException(
                    "Pattern history of " + count + " does not fit a capacity of " + capacity);
        }
        PatternHistory history = new PatternHistory(capacity);
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 0 || length > inputWidth) {
                throw new IOException("Pattern of " + length + " bits in snapshot");
            }
            int[] pattern = new int[length];
            for (int j = 0; j < length; j++) {
                pattern[j] = in.readInt();
                if (pattern[j] < 0 || pattern[j] >= inputWidth) {
                    throw new IOException("Active bit " + pattern[j] + " outside the input");
                }
            }
            history.push(pattern);
        }
        return history;
    }
}
