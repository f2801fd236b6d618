package io.pensu.flink.quota;

import java.io.Serializable;
import java.util.function.LongSupplier;

/** Lets a repeated warning through at most once per interval. */
final class LogThrottle implements Serializable {

    private final long intervalMillis;
    private final LongSupplier clock;
    private long lastMillis;
    private boolean logged;

    LogThrottle(long intervalMillis, LongSupplier clock) {
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** Whether the warning may be logged now; if so, the interval starts again. */
    boolean tryAcquire() {
        long now = clock.getAsLong();
        if (logged && now - lastMillis < intervalMillis) {
            return false;
        }
        logged = true;
        lastMillis = now;
        return true;
    }
}
