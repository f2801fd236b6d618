package io.pensu.flink.model;

import java.io.DataOutput;
import java.io.IOException;

/**
 * One HTM network for one metric: value and time-of-day encoders, spatial pooler and temporal
 * memory, learning on every sample. Implementations own their random generator, so that a network
 * gives the same outputs for the same inputs whatever other networks exist in the JVM.
 */
public interface HtmNetwork {

    /**
     * Encodes the sample, runs the spatial pooler and the temporal memory with learning on, and
     * returns the raw anomaly score (fraction of active columns that the previous step did not
     * predict) and the active columns.
     */
    NetworkOutput compute(long timestampMillis, double value);

    /** The parameters this network was created with. */
    NetworkParameters parameters();

    /** Writes the complete state, including the random generator, for {@link HtmEngine#read}. */
    void writeTo(DataOutput out) throws IOException;
}
