package io.pensu.flink.state;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** Format 1: last seen and pending timer, processing-time milliseconds (longs). */
public final class MetricActivitySerializer extends FixedLengthSerializer<MetricActivity> {

    public static final MetricActivitySerializer INSTANCE = new MetricActivitySerializer();

    private MetricActivitySerializer() {
        super(2 * Long.BYTES);
    }

    @Override
    public MetricActivity createInstance() {
        return new MetricActivity(0L, MetricActivity.NO_TIMER);
    }

    @Override
    public void serialize(MetricActivity activity, DataOutputView target) throws IOException {
        target.writeLong(activity.lastSeenMillis());
        target.writeLong(activity.timerMillis());
    }

    @Override
    public MetricActivity deserialize(DataInputView source) throws IOException {
        return new MetricActivity(source.readLong(), source.readLong());
    }

    @Override
    public TypeSerializerSnapshot<MetricActivity> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link MetricActivitySerializer} by format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<MetricActivity> {
        public Snapshot() {
            super(1, () -> INSTANCE);
        }
    }
}
