package io.pensu.flink.residual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A metric's last {@link ResidualDetector#HISTORY} values of a statistic, as floats, and the {@link
 * ResidualTails} fitted to them: again every {@link ResidualDetector#REESTIMATION_PERIOD} samples
 * judged, and only once {@link ResidualDetector#MIN_HISTORY} values were seen.
 */
final class TailHistory {

    private final double minScale;
    private final float[] values = new float[ResidualDetector.HISTORY];
    private int count;
    private int next;
    private ResidualTails tails;
    private int sinceFit;

    /**
     * @param minScale the least scale of either tail
     */
    TailHistory(double minScale) {
        this.minScale = minScale;
    }

    /** The tails to judge the next sample by, fitted again when due; null while too few. */
    ResidualTails tails() {
        if (count < ResidualDetector.MIN_HISTORY) {
            return null;
        }
        if (tails == null || sinceFit >= ResidualDetector.REESTIMATION_PERIOD) {
            tails = ResidualTails.fit(values, count, minScale);
            sinceFit = 0;
        }
        sinceFit++;
        return tails;
    }

    /** Adds a value within a float's range. */
    void add(double value) {
        values[next] = (float) value;
        next = (next + 1) % values.length;
        count = Math.min(count + 1, values.length);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(count);
        out.writeInt(next);
        for (int i = 0; i < count; i++) {
            out.writeFloat(values[i]);
        }
        out.writeBoolean(tails != null);
        if (tails != null) {
            tails.writeTo(out);
        }
        out.writeInt(sinceFit);
    }

    static TailHistory readFrom(DataInput in, double minScale) throws IOException {
        TailHistory history = new TailHistory(minScale);
        history.count = ResidualDetector.readIndex(in, ResidualDetector.HISTORY);
        history.next = ResidualDetector.readIndex(in, ResidualDetector.HISTORY - 1);
        for (int i = 0; i < history.count; i++) {
            history.values[i] = in.readFloat();
        }
        history.tails = in.readBoolean() ? ResidualTails.readFrom(in) : null;
        history.sinceFit = ResidualDetector.readIndex(in, ResidualDetector.REESTIMATION_PERIOD);
        return history;
    }
}
