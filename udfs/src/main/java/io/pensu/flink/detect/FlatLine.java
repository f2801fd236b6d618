package io.pensu.flink.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A metric that stops varying after having varied: a stuck sensor, or an exporter that died and
 * left its last value repeated. The temporal memory learns a repeated value within a few samples,
 * so it never finds one surprising (NuPIC misses flat lines, nupic-legacy#3824); the rule counts
 * repeats instead. A run of equal values is news once it lasts {@code samples}, and twice as long
 * as any run before it, so a metric that often holds a value (a count at 0, a setting) does not
 * raise it for doing what it always does.
 */
final class FlatLine {

    private final int samples;
    private double last;
    private long run;
    private long longestEarlierRun;

    private FlatLine(int samples, double last, long run, long longestEarlierRun) {
        this.samples = samples;
        this.last = last;
        this.run = run;
        this.longestEarlierRun = longestEarlierRun;
    }

    /** Raised after {@code samples} equal values (model parameter {@code flatLine.samples}). */
    static FlatLine after(int samples) {
        return new FlatLine(samples, Double.NaN, 0, 0);
    }

    /** Never raised: models restored from snapshots written before the rule existed. */
    static FlatLine never() {
        return after(0);
    }

    /** Whether the metric went flat at this value: true once per run of equal values. */
    boolean startsAt(double value) {
        if (samples == 0) {
            return false;
        }
        if (value == last) {
            run++;
        } else {
            longestEarlierRun = Math.max(longestEarlierRun, run);
            last = value;
            run = 1;
        }
        return longestEarlierRun > 0 && run == Math.max(samples, 2 * longestEarlierRun);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(samples);
        out.writeDouble(last);
        out.writeLong(run);
        out.writeLong(longestEarlierRun);
    }

    static FlatLine readFrom(DataInput in) throws IOException {
        int samples = in.readInt();
        double last = in.readDouble();
        long run = in.readLong();
        long longestEarlierRun = in.readLong();
        if (samples < 0 || run < 0 || longestEarlierRun < 0) {
            throw new IOException(
                    "flat-line state "
                            + samples
                            + ", "
                            + run
                            + ", "
                            + longestEarlierRun
                            + " is invalid");
        }
        return new FlatLine(samples, last, run, longestEarlierRun);
    }
}
