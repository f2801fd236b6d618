package io.pensu.flink.state;

import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;

/**
 * The detector's keyed state, per metric: a small status read on every sample, the model snapshot
 * refreshed every few hundred samples, the journal of samples since that snapshot, the metric's
 * activity, which holds its quota slot and idle expiry, and (ordered by event time) the samples
 * waiting for the watermark with the time of their one timer. Shared by the detector, its tests and
 * the state compatibility tests, so that names and serializers cannot drift apart.
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

    /** Samples that wait for the watermark to pass them, in arrival order. */
    public static ListStateDescriptor<Sample> pendingSamples() {
        return new ListStateDescriptor<>("pending-samples", SampleSerializer.INSTANCE);
    }

    /** When the one event-time timer of the waiting samples fires: the earliest of them. */
    public static ValueStateDescriptor<Long> pendingTimer() {
        return new ValueStateDescriptor<>("pending-timer", LongSerializer.INSTANCE);
    }
}
