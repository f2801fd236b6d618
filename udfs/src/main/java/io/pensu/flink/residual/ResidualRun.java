package io.pensu.flink.residual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The residual's evidence over a short run: a spike or dip of 2-4 samples leaves the median of the
 * values before it where it was, so each of its samples is judged alone, and each may be only
 * moderately unusual. The tail probabilities of the current run of consecutive residuals in the
 * same tail (up to {@link #LONGEST}) are combined by Fisher's method, and that statistic is judged
 * against the same statistic over the metric's recent samples (its upper {@link ResidualTails}):
 * Fisher's method takes the run's samples as independent, which in a smooth periodic series they
 * are not (every sample of a rising flank lies above the median before it), so a series whose
 * residuals come in runs has a wide tail and gives its runs little weight. About 4 KB.
 */
public final class ResidualRun {

    /** The runs combined: the short anomalies this is for last a few samples. */
    static final int LONGEST = 4;

    /** The statistic is in nats: a factor e per unit beyond the tail's start at the least. */
    private static final double MIN_SCALE = 1.0;

    private final double[] tails = new double[LONGEST];
    private int runLength;
    private int runSign;
    private TailHistory statistics = new TailHistory(MIN_SCALE);

    /**
     * The run's likelihood, given this sample's residual and the residual detector's likelihood for
     * it alone (0 for no evidence, which ends the run); at least {@code alone}.
     */
    double add(double residual, double alone) {
        int sign = (int) Math.signum(residual);
        double run = alone;
        if (alone <= 0 || sign == 0) {
            runLength = 0;
        } else {
            if (sign != runSign || runLength == 0) {
                runLength = 0;
                runSign = sign;
            }
            System.arraycopy(tails, 0, tails, 1, LONGEST - 1);
            tails[0] = 1.0 - alone;
            runLength = Math.min(runLength + 1, LONGEST);
            double product = 1.0;
            for (int i = 0; i < runLength; i++) {
                product *= tails[i];
            }
            run = fisher(product, runLength);
        }
        double statistic = runLength >= 2 ? -Math.log(Math.max(Double.MIN_VALUE, 1.0 - run)) : 0;
        return Math.max(alone, 1.0 - tailProbability(statistic));
    }

    /**
     * 1 minus Fisher's combined tail probability of {@code tests} independent tests whose tail
     * probabilities multiply to {@code product}: -2 ln product is chi-squared with 2 tests degrees
     * of freedom, whose tail is product times the sum of (-ln product)^i / i! for i below tests.
     */
    public static double fisher(double product, int tests) {
        if (product <= 0) {
            return 1.0;
        }
        double x = -Math.log(product);
        double term = 1.0;
        double sum = 1.0;
        for (int i = 1; i < tests; i++) {
            term *= x / i;
            sum += term;
        }
        return 1.0 - Math.min(1.0, product * sum);
    }

    /** The probability of a statistic at least this large, then adds it to the history. */
    private double tailProbability(double statistic) {
        ResidualTails fitted = statistics.tails();
        statistics.add(Math.min(Float.MAX_VALUE, statistic));
        return fitted == null ? 1.0 : fitted.upperTailProbability(statistic);
    }

    void writeTo(DataOutput out) throws IOException {
        for (double tail : tails) {
            out.writeDouble(tail);
        }
        out.writeInt(runLength);
        out.writeInt(runSign);
        statistics.writeTo(out);
    }

    static ResidualRun readFrom(DataInput in) throws IOException {
        ResidualRun run = new ResidualRun();
        for (int i = 0; i < LONGEST; i++) {
            run.tails[i] = in.readDouble();
        }
        run.runLength = ResidualDetector.readIndex(in, LONGEST);
        run.runSign = in.readInt();
        if (Math.abs(run.runSign) > 1) {
            throw new IOException("residual run snapshot holds sign " + run.runSign);
        }
        run.statistics = TailHistory.readFrom(in, MIN_SCALE);
        return run;
    }
}
