package io.pensu.flink.state;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** Format 1: last timestamp, samples accepted (longs), journal length (int), model created. */
public final class MetricStatusSerializer extends FixedLengthSerializer<MetricStatus> {

    public static final MetricStatusSerializer INSTANCE = new MetricStatusSerializer();

    private MetricStatusSerializer() {
        super(2 * Long.BYTES + Integer.BYTES + 1);
    }

    @Override
    public MetricStatus createInstance() {
        return MetricStatus.NEW;
    }

    @Override
    public void serialize(MetricStatus status, DataOutputView target) throws IOException {
        target.writeLong(status.lastTimestampMillis());
        target.writeLong(status.samplesAccepted());
        target.writeInt(status.journalLength());
        target.writeBoolean(status.modelCreated());
    }

    @Override
    public MetricStatus deserialize(DataInputView source) throws IOException {
        return new MetricStatus(
                source.readLong(), source.readLong(), source.readInt(), source.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<MetricStatus> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link MetricStatusSerializer} by format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<MetricStatus> {
        public Snapshot() {
            super(1, () -> INSTANCE);
        }
    }
}
