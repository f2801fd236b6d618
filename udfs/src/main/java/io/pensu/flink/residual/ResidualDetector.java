package io.pensu.flink.residual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A second opinion on each sample, for the short anomalies HTM's likelihood averages away: how far
 * the value lies from the median of the few values before it (its residual), judged against the
 * tails of the residuals this metric made before. A spike or dip of a few samples inside the usual
 * range leaves the median where it was, so its first sample has a residual as large as the spike,
 * while a metric that moves a lot from one sample to the next has wide tails and is not alarmed by
 * its ordinary jumps. The later samples of such a spike are judged with the ones before it, as a
 * run ({@link ResidualRun}). Deterministic, and bounded: a few values and {@link #HISTORY}
 * residuals and run statistics as floats, about 8 KB.
 */
public final class ResidualDetector {

    /** Version 1: no run; 2: whether there is a run, and the run. */
    private static final int SNAPSHOT_VERSION = 2;

    /** The median of 5 values ignores a glitch of up to 2 of them and lags a trend by 2 samples. */
    static final int MEDIAN_WINDOW = 5;

    /** The residuals the tails are fitted to: three and a half days of 5-minute samples. */
    static final int HISTORY = 1024;

    /** A day of 5-minute samples before the tails are trusted: 7 residuals in each. */
    static final int MIN_HISTORY = 288;

    /** Samples between two fits of the tails; a fit sorts the history. */
    static final int REESTIMATION_PERIOD = 64;

    /** Reported while there is no judgement yet, and for residuals in neither tail. */
    private static final double NO_EVIDENCE = 0.0;

    private final double minScale;
    private final double[] recent;

    /** Where the median sorts a copy of the recent values: no array allocated per sample. */
    private final double[] sortedRecent;

    private int recentCount;
    private int recentNext;
    private TailHistory residuals;

    /** Null when each sample is judged alone. */
    private ResidualRun run;

    /**
     * @param minScale the least residual scale that counts, the metric's encoder resolution: a
     *     difference the value encoder cannot see is no evidence either
     */
    public ResidualDetector(double minScale) {
        this(minScale, true);
    }

    /**
     * @param minScale as above
     * @param runs whether a sample's evidence is also that of its run ({@link ResidualRun}); the
     *     job's detector has one, the benchmarks' replay of the detector before it has none
     */
    public ResidualDetector(double minScale, boolean runs) {
        if (!(minScale > 0) || Double.isInfinite(minScale)) {
            throw new IllegalArgumentException("residual scale must be positive, got " + minScale);
        }
        this.minScale = minScale;
        this.recent = new double[MEDIAN_WINDOW];
        this.sortedRecent = new double[MEDIAN_WINDOW];
        this.residuals = new TailHistory(minScale);
        this.run = runs ? new ResidualRun() : null;
    }

    /**
     * The probability, between 0 and 1, that this value is not one of the metric's ordinary
     * residuals: 1 minus its tail probability; 0 while the history is too short to judge and for a
     * residual in the body of the distribution. Adds the value to the history.
     */
    public double anomalyProbability(double value) {
        double probability = NO_EVIDENCE;
        if (recentCount == recent.length) {
            double residual = residual(value);
            ResidualTails tails = residuals.tails();
            if (tails != null) {
                double tail = tails.tailProbability(residual);
                probability = tail < 1.0 ? 1.0 - tail : NO_EVIDENCE;
            }
            if (run != null) {
                probability = run.add(residual, probability);
            }
            residuals.add(residual);
        } else {
            recentCount++;
        }
        recent[recentNext] = value;
        recentNext = (recentNext + 1) % recent.length;
        return probability;
    }

    private double residual(double value) {
        return clampToFloat(value - median());
    }

    private double median() {
        double[] sorted = sortedRecent;
        System.arraycopy(recent, 0, sorted, 0, recent.length);
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** A residual beyond what a float holds (a 1e308 glitch) is stored as the largest float. */
    private static double clampToFloat(double residual) {
        return Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, residual));
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(SNAPSHOT_VERSION);
        out.writeDouble(minScale);
        out.writeBoolean(run != null);
        out.writeInt(recentCount);
        out.writeInt(recentNext);
        for (double v : recent) {
            out.writeDouble(v);
        }
        residuals.writeTo(out);
        if (run != null) {
            run.writeTo(out);
        }
    }

    /**
     * Reads a snapshot; the window and history lengths are this version's. A detector of version 1
     * had no run and starts one, which speaks once it has seen {@link #MIN_HISTORY} samples.
     */
    public static ResidualDetector readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > SNAPSHOT_VERSION) {
            throw new IOException("unknown residual detector snapshot version " + version);
        }
        double minScale = in.readDouble();
        boolean runs = version == 1 || in.readBoolean();
        ResidualDetector detector;
        try {
            detector = new ResidualDetector(minScale, runs);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        detector.recentCount = readIndex(in, MEDIAN_WINDOW);
        detector.recentNext = readIndex(in, MEDIAN_WINDOW - 1);
        for (int i = 0; i < MEDIAN_WINDOW; i++) {
            detector.recent[i] = in.readDouble();
        }
        detector.residuals = TailHistory.readFrom(in, minScale);
        if (runs && version > 1) {
            detector.run = ResidualRun.readFrom(in);
        }
        return detector;
    }

    static int readIndex(DataInput in, int max) throws IOException {
        int index = in.readInt();
        if (index < 0 || index > max) {
            throw new IOException(
                    "residual detector snapshot holds " + index + " where at most " + max + " fit");
        }
        return index;
    }
}
