package io.pensu.flink.nab;

import java.util.Arrays;
import java.util.List;

/**
 * What detecting each row of one file is worth, before the profile's weights: NAB's scaled sigmoid
 * of the row's position relative to the windows.
 *
 * @param probation rows before this index are never scored
 * @param window per row, the index of the window containing it, or -1
 * @param sigmoid per row, the scaled sigmoid of its relative position
 */
record RowWeights(int probation, int[] window, double[] sigmoid) {

    /** The scaled sigmoid at the left edge of a window: the best a true positive can get. */
    static final double MAX_TRUE_POSITIVE = scaledSigmoid(-1.0);

    private static final double PROBATION_SHARE = 0.15;
    private static final double PROBATION_CAP = 750.0;

    /** Rows in the {@code ignored} windows are worth nothing, detected or not. */
    static RowWeights of(int rows, List<AnomalyWindow> windows, List<AnomalyWindow> ignored) {
        int[] window = new int[rows];
        double[] sigmoid = new double[rows];
        AnomalyWindow previous = null;
        int next = 0;
        for (int i = 0; i < rows; i++) {
            AnomalyWindow current = next < windows.size() ? windows.get(next) : null;
            if (current != null && i >= current.first()) {
                window[i] = next;
                double position = -(double) (current.last() - i + 1) / current.length();
                sigmoid[i] = scaledSigmoid(position);
                if (i == current.last()) {
                    previous = current;
                    next++;
                }
            } else {
                window[i] = -1;
                sigmoid[i] =
                        previous == null
                                ? -1.0
                                : scaledSigmoid(
                                        Math.abs(previous.last() - i)
                                                / (double) (previous.length() - 1));
            }
        }
        for (AnomalyWindow skipped : ignored) {
            Arrays.fill(sigmoid, skipped.first(), skipped.last() + 1, 0.0);
        }
        return new RowWeights(probationLength(rows), window, sigmoid);
    }

    static int probationLength(int rows) {
        return (int) Math.min(Math.floor(PROBATION_SHARE * rows), PROBATION_CAP);
    }

    /**
     * 2 sigmoid(-5y) - 1, and -1 from 3 on: NAB's sweeper cuts off at {@code y >= 3} (at exactly 3
     * the sigmoid would give -0.9999997).
     */
    static double scaledSigmoid(double position) {
        if (position >= 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * position)) - 1.0;
    }

    /** The score detecting row {@code i} adds under {@code profile} (before the max per window). */
    double weight(int i, NabProfile profile) {
        return window[i] >= 0
                ? sigmoid[i] * profile.truePositiveWeight() / MAX_TRUE_POSITIVE
                : sigmoid[i] * profile.falsePositiveWeight();
    }
}
