package io.pensu.flink.state;

/**
 * The small per-metric record read on every sample; it tells whether the live model in memory is
 * current without touching the (large) model snapshot.
 *
 * @param lastTimestampMillis latest accepted timestamp, {@link Long#MIN_VALUE} before the first
 * @param samplesAccepted samples accepted for this metric since it was first seen
 * @param journalLength samples in the journal (since the last snapshot, or since the metric was
 *     first seen while its model does not exist yet)
 * @param modelCreated whether the value range has been learned and the model exists
 */
public record MetricStatus(
        long lastTimestampMillis, long samplesAccepted, int journalLength, boolean modelCreated) {

    public static final MetricStatus NEW = new MetricStatus(Long.MIN_VALUE, 0, 0, false);

    /** Whether a sample at {@code timestampMillis} comes after everything accepted so far. */
    public boolean isAfterLast(long timestampMillis) {
        return timestampMillis > lastTimestampMillis;
    }

    /** After accepting one more sample into the journal. */
    public MetricStatus accept(long timestampMillis) {
        return new MetricStatus(
                Math.max(lastTimestampMillis, timestampMillis),
                samplesAccepted + 1,
                journalLength + 1,
                modelCreated);
    }

    /** After the model was created or snapshotted: the journal starts again. */
    public MetricStatus snapshotted() {
        return new MetricStatus(lastTimestampMillis, samplesAccepted, 0, true);
    }
}
