package io.pensu.flink.state;

import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Format 1: metric, timestamp (long), value (double), line, topic, partition (int), offset (long);
 * strings as Flink's {@link StringSerializer} writes them, so a line of any length fits.
 */
public final class SampleSerializer extends ImmutableSerializer<Sample> {

    public static final SampleSerializer INSTANCE = new SampleSerializer();

    private static final StringSerializer STRINGS = StringSerializer.INSTANCE;

    private SampleSerializer() {}

    @Override
    public Sample createInstance() {
        return new Sample("", 0L, 0.0, "", "", 0, 0L);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Sample sample, DataOutputView target) throws IOException {
        STRINGS.serialize(sample.metric(), target);
        target.writeLong(sample.timestampMillis());
        target.writeDouble(sample.value());
        STRINGS.serialize(sample.line(), target);
        STRINGS.serialize(sample.topic(), target);
        target.writeInt(sample.partition());
        target.writeLong(sample.offset());
    }

    @Override
    public Sample deserialize(DataInputView source) throws IOException {
        return new Sample(
                STRINGS.deserialize(source),
                source.readLong(),
                source.readDouble(),
                STRINGS.deserialize(source),
                STRINGS.deserialize(source),
                source.readInt(),
                source.readLong());
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<Sample> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link SampleSerializer} by format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<Sample> {
        public Snapshot() {
            super(1, () -> INSTANCE);
        }
    }
}
