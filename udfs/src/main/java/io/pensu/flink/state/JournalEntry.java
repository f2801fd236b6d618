package io.pensu.flink.state;

/**
 * A sample a metric's model learned from after its last snapshot; replaying the journal into the
 * snapshot rebuilds the model exactly.
 */
public record JournalEntry(long timestampMillis, double value) {}
