package io.pensu.flink.detect;

import java.io.Serializable;
import java.time.Duration;

/**
 * How much keyed state the detector may hold.
 *
 * @param maxMetrics PENSU_MAX_ALLOWED_MODELS: metrics modelled at once, shared out among the
 *     detector's subtasks
 * @param idleTimeout PENSU_METRIC_IDLE_TIMEOUT: a metric without a sample for this long is
 *     forgotten and frees its slot; zero keeps every metric for good
 * @param overQuotaLogInterval least time between two warnings about refused metrics
 */
public record StateLimits(int maxMetrics, Duration idleTimeout, Duration overQuotaLogInterval)
        implements Serializable {

    /** No quota and no expiry, for runs that must model every metric they are given. */
    public static StateLimits none() {
        return new StateLimits(Integer.MAX_VALUE, Duration.ZERO, Duration.ofMinutes(5));
    }
}
