package io.pensu.flink.model.htmjava;

import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngine;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.NetworkParameters;

import java.io.DataInput;
import java.io.IOException;

/** HTM networks built from htm.java 0.6.13's algorithm classes. */
public final class HtmJavaEngine implements HtmEngine {

    /** Written into every snapshot of a network of this engine. */
    public static final String ID = "htm.java";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public HtmNetwork create(NetworkParameters parameters, EncoderRange range) {
        return HtmJavaNetwork.create(parameters.validate(), range);
    }

    @Override
    public HtmNetwork read(DataInput in) throws IOException {
        return HtmJavaSnapshot.read(in);
    }
}
