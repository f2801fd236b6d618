package io.pensu.flink.generator;

import java.util.List;

/** Samples that become due over time; the generator's loop asks each source for the due ones. */
interface LineSource {

    /**
     * Wall-clock time (epoch milliseconds) of the next sample, or {@code Long.MAX_VALUE} when none.
     */
    long nextDueMillis();

    /** Every sample due at or before {@code nowMillis}, in order; each is returned once. */
    List<MetricLine> takeDue(long nowMillis);

    /** No sample will ever become due again. */
    default boolean finished() {
        return nextDueMillis() == Long.MAX_VALUE;
    }
}
