package io.pensu.flink.state;

/**
 * A metric's hold on its quota slot: when it was last seen, and the idle timer that may end it.
 *
 * @param lastSeenMillis processing time of the metric's latest sample
 * @param timerMillis processing time of its pending idle timer, {@link #NO_TIMER} when none is
 *     pending (idle expiry off)
 */
public record MetricActivity(long lastSeenMillis, long timerMillis) {

    public static final long NO_TIMER = Long.MIN_VALUE;
}
