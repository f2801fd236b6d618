package io.pensu.flink.detect;

import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The samples of the current metric that wait for the watermark, in keyed state, with one
 * event-time timer at the earliest of them however many wait.
 */
final class PendingSamples {

    /**
     * Timestamp order; samples of equal timestamp (duplicates) by value, line and source, so that
     * which of them the model gets does not depend on the order in which they arrived.
     */
    static final Comparator<Sample> PROCESSING_ORDER =
            Comparator.comparingLong(Sample::timestampMillis)
                    .thenComparingDouble(Sample::value)
                    .thenComparing(Sample::line)
                    .thenComparing(Sample::topic)
                    .thenComparingInt(Sample::partition)
                    .thenComparingLong(Sample::offset);

    private final ListState<Sample> samples;
    private final ValueState<Long> timer;

    PendingSamples(ListState<Sample> samples, ValueState<Long> timer) {
        this.samples = samples;
        this.timer = timer;
    }

    /** Keeps {@code sample} until the watermark passes its timestamp. */
    void hold(Sample sample, TimerService timers) throws Exception {
        samples.add(sample);
        Long armed = timer.value();
        if (armed == null || sample.timestampMillis() < armed) {
            if (armed != null) {
                timers.deleteEventTimeTimer(armed);
            }
            arm(sample.timestampMillis(), timers);
        }
    }

    /**
     * Removes the samples at or before {@code watermark} and returns them in {@link
     * #PROCESSING_ORDER}; the timer moves to the earliest sample that still waits.
     */
    List<Sample> release(long watermark, TimerService timers) throws Exception {
        Long armed = timer.value();
        if (armed == null) {
            return List.of();
        }
        List<Sample> due = new ArrayList<>();
        List<Sample> waiting = new ArrayList<>();
        for (Sample sample : samples.get()) {
            (sample.timestampMillis() <= watermark ? due : waiting).add(sample);
        }
        due.sort(PROCESSING_ORDER);
        timers.deleteEventTimeTimer(armed);
        if (waiting.isEmpty()) {
            samples.clear();
            timer.clear();
        } else {
            samples.update(waiting);
            arm(waiting.stream().mapToLong(Sample::timestampMillis).min().getAsLong(), timers);
        }
        return due;
    }

    /** Drops every waiting sample, and their timer. */
    void clear(TimerService timers) throws Exception {
        Long armed = timer.value();
        if (armed != null) {
            timers.deleteEventTimeTimer(armed);
        }
        samples.clear();
        timer.clear();
    }

    private void arm(long timestampMillis, TimerService timers) throws Exception {
        timers.registerEventTimeTimer(timestampMillis);
        timer.update(timestampMillis);
    }
}
