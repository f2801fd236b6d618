package io.pensu.flink.model;

import java.io.DataInput;
import java.io.IOException;

/**
 * An implementation of the HTM algorithms (encoders, spatial pooler, temporal memory). The job
 * keeps the engine's id in every model snapshot, so that a snapshot is always read back by the
 * engine that wrote it.
 */
public interface HtmEngine {

    /** Stable identifier written into snapshots; never change it for an existing engine. */
    String id();

    /** A new, untrained network whose value encoder covers {@code range}. */
    HtmNetwork create(NetworkParameters parameters, EncoderRange range);

    /**
     * Reads a network written by {@link HtmNetwork#writeTo}; it continues exactly as the writer.
     */
    HtmNetwork read(DataInput in) throws IOException;
}
