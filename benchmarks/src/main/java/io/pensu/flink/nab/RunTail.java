package io.pensu.flink.nab;

import java.util.Arrays;

/**
 * The upper tail of a per-sample statistic over a metric's recent samples: an exponential tail
 * beyond the top {@link #SHARE} of the last {@link #HISTORY} values, fitted again every {@link
 * #REFIT} samples, as {@code ResidualDetector} judges its residuals; silent (tail probability 1)
 * until {@link #MIN_HISTORY} values were seen.
 */
final class RunTail {

    static final int HISTORY = 1024;
    static final int MIN_HISTORY = 288;
    static final int REFIT = 64;
    static final double SHARE = 0.025;

    /** The least tail scale, in the statistic's units (nats): a factor e per unit beyond. */
    private static final double MIN_SCALE = 1.0;

    private final double[] history = new double[HISTORY];
    private final double[] sorted = new double[HISTORY];
    private int count;
    private int next;
    private int sinceFit = REFIT;
    private double threshold;
    private double scale;

    /** The probability of a value at least this large, then adds it to the history. */
    double tailProbability(double statistic) {
        double probability = 1.0;
        if (count >= MIN_HISTORY) {
            if (sinceFit >= REFIT) {
                fit();
            }
            sinceFit++;
            if (statistic > threshold) {
                probability = SHARE * Math.exp(-(statistic - threshold) / scale);
            }
        }
        history[next] = statistic;
        next = (next + 1) % HISTORY;
        count = Math.min(count + 1, HISTORY);
        return probability;
    }

    private void fit() {
        System.arraycopy(history, 0, sorted, 0, count);
        Arrays.sort(sorted, 0, count);
        threshold = sorted[(int) Math.floor((1 - SHARE) * (count - 1))];
        double excess = 0;
        int above = 0;
        for (int i = 0; i < count; i++) {
            if (sorted[i] > threshold) {
                excess += sorted[i] - threshold;
                above++;
            }
        }
        scale = Math.max(MIN_SCALE, above == 0 ? 0 : excess / above);
        sinceFit = 0;
    }
}
