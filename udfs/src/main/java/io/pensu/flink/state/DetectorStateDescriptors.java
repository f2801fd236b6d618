package io.pensu.flink.state;

import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;

/**
 * The detector's keyed state, per metric: a small status read on every sample, the model snapshot
 * refreshed every few hundred samples, the journal of samples since that snapshot, and the metric's
 * activity, which holds its quota slot and idle expiry. Shared by the detector, its tests and the
 * state compatibility tests, so that names and serializers cannot drift apart.
 */
public final class DetectorStateDescriptors {

    private DetectorStateDescriptors() {}

    public static ValueStateDescriptor<MetricStatus> status() {
        return new ValueStateDescriptor<>("metric-status", MetricStatusSerializer.INSTANCE);
    }

    /**
     * The model as written by {@code MetricModel.writeTo}, which carries its own format version.
     */
    public static ValueStateDescriptor<byte[]> modelSnapshot() {
        return new ValueStateDescriptor<>("model-snapshot", BytePrimitiveArraySerializer.INSTANCE);
    }

    public static ListStateDescriptor<JournalEntry> journal() {
        return new ListStateDescriptor<>("model-journal", JournalEntrySerializer.INSTANCE);
    }

    /**
     * When the metric was last seen and its pending idle timer; present while the metric holds a
     * quota slot. Metrics restored from a release before it have none until their next sample.
     */
    public static ValueStateDescriptor<MetricActivity> activity() {
        return new ValueStateDescriptor<>("metric-activity", MetricActivitySerializer.INSTANCE);
    }
}
