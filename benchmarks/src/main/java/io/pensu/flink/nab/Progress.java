package io.pensu.flink.nab;

import java.io.PrintStream;
import java.time.Duration;

/** Prints how far a run is, at most every {@code interval}, and how long it took. */
final class Progress {

    private final long total;
    private final PrintStream out;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long done;
    private long lastPrint = start;

    Progress(long total, Duration interval, PrintStream out) {
        this.total = total;
        this.intervalNanos = interval.toNanos();
        this.out = out;
    }

    void advance() {
        done++;
        long now = System.nanoTime();
        if (now - lastPrint >= intervalNanos) {
            lastPrint = now;
            double seconds = (now - start) / 1e9;
            double rate = done / seconds;
            out.printf(
                    "NAB: %d/%d rows (%.1f%%), %.0f rows/s, %s elapsed, ~%s left%n",
                    done,
                    total,
                    100.0 * done / total,
                    rate,
                    format(Duration.ofNanos(now - start)),
                    format(Duration.ofSeconds((long) ((total - done) / rate))));
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String format(Duration duration) {
        return duration.toMinutes() + "m" + String.format("%02ds", duration.toSecondsPart());
    }
}
