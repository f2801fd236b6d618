package io.pensu.flink.model.compact;

import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngine;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.NetworkParameters;

import java.io.DataInput;
import java.io.IOException;

/**
 * HTM networks of our own, written from Numenta's published algorithm descriptions with all state
 * in primitive arrays: a few MB per network instead of htm.java's ~86 MB, and a snapshot of plain
 * arrays instead of Java serialization.
 */
public final class CompactEngine implements HtmEngine {

    /** Written into every snapshot of a network of this engine. */
    public static final String ID = "compact";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public HtmNetwork create(NetworkParameters parameters, EncoderRange range) {
        return CompactNetwork.create(parameters.validate(), range);
    }

    @Override
    public HtmNetwork read(DataInput in) throws IOException {
        return CompactNetwork.readFrom(in);
    }
}
