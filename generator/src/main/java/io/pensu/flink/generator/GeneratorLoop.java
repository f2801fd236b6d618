package io.pensu.flink.generator;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Sends each source's samples when they fall due, until every source is done, the line count or the
 * deadline is reached, or the thread is interrupted; reports progress at a fixed interval.
 */
final class GeneratorLoop {

    /** Wall-clock time and waiting, replaced in tests so that they never sleep. */
    interface Clock {
        long millis();

        void sleepUntil(long millis) throws InterruptedException;

        Clock SYSTEM =
                new Clock() {
                    @Override
                    public long millis() {
                        return System.currentTimeMillis();
                    }

                    @Override
                    public void sleepUntil(long millis) throws InterruptedException {
                        long wait = millis - System.currentTimeMillis();
                        if (wait > 0) {
                            Thread.sleep(wait);
                        }
                    }
                };
    }

    private final List<LineSource> sources;
    private final LineSink sink;
    private final Clock clock;
    private final long maxLines;
    private final long deadlineMillis;
    private final long progressEveryMillis;
    private final Consumer<String> progress;
    private long sent;

    GeneratorLoop(
            List<LineSource> sources,
            LineSink sink,
            Clock clock,
            OptionalLong maxLines,
            OptionalLong deadlineMillis,
            Duration progressEvery,
            Consumer<String> progress) {
        this.sources = sources;
        this.sink = sink;
        this.clock = clock;
        this.maxLines = maxLines.orElse(Long.MAX_VALUE);
        this.deadlineMillis = deadlineMillis.orElse(Long.MAX_VALUE);
        this.progressEveryMillis = progressEvery.toMillis();
        this.progress = progress;
    }

    /** Runs to the end; returns the number of lines sent. */
    long run() throws InterruptedException {
        long lastReportMillis = clock.millis();
        long sentAtLastReport = 0;
        while (true) {
            long now = clock.millis();
            if (now >= deadlineMillis) {
                progress.accept("stopping: the duration is over; " + sent + " lines sent");
                return sent;
            }
            for (LineSource source : sources) {
                for (MetricLine line : source.takeDue(now)) {
                    sink.send(line);
                    sent++;
                    if (sent == maxLines) {
                        progress.accept("stopping: " + sent + " lines sent, as many as asked");
                        return sent;
                    }
                }
            }
            if (sources.stream().allMatch(LineSource::finished)) {
                progress.accept("stopping: every source is done; " + sent + " lines sent");
                return sent;
            }
            if (now - lastReportMillis >= progressEveryMillis) {
                progress.accept(
                        sent
                                + " lines sent, "
                                + (sent - sentAtLastReport)
                                + " in the last "
                                + (now - lastReportMillis) / 1000
                                + " s");
                lastReportMillis = now;
                sentAtLastReport = sent;
            }
            long next = Math.min(deadlineMillis, lastReportMillis + progressEveryMillis);
            for (LineSource source : sources) {
                next = Math.min(next, source.nextDueMillis());
            }
            clock.sleepUntil(next);
        }
    }
}
