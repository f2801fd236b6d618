package io.pensu.flink.generator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Replays NAB series as live metrics, all files at once, interleaved by time, {@code speedUp} times
 * faster than they were recorded.
 *
 * <p>Timestamps: every file starts at the replay's start and keeps its own spacing (the model's
 * time-of-day encoding depends on it). The timeline is shifted so that it ends at the wall-clock
 * time its last sample is sent: each sample's timestamp is then at or before the moment it is sent
 * (Graphite refuses samples from the future), and the replay covers the span of the longest file
 * before that end.
 *
 * <p>Restarts: the job rejects a sample not later than its metric's last one. Given the latest
 * timestamp an earlier run sent ({@code lastSentMillis}), the replay skips the samples whose
 * timestamps would not be later: the new run continues about where the earlier one stopped, in the
 * time between its last sample and now.
 */
final class NabReplay implements LineSource {

    private record Event(long offsetMillis, int series, int row) {}

    private final String[] names;
    private final long[] offsetsMillis;
    private final double[] values;
    private final long startMillis;
    private final double speedUp;
    private final long spanMillis;
    private final int first;
    private final long endMillis;
    private int cursor;

    NabReplay(
            List<NabSeries> series, long startMillis, double speedUp, OptionalLong lastSentMillis) {
        if (speedUp < 1) {
            throw new IllegalArgumentException("the speed-up must be at least 1, got " + speedUp);
        }
        List<Event> events = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            long[] offsets = series.get(s).offsetsMillis();
            for (int row = 0; row < offsets.length; row++) {
                events.add(new Event(offsets[row], s, row));
            }
        }
        events.sort(Comparator.comparingLong(Event::offsetMillis).thenComparingInt(Event::series));
        int size = events.size();
        this.names = new String[size];
        this.offsetsMillis = new long[size];
        this.values = new double[size];
        for (int i = 0; i < size; i++) {
            Event event = events.get(i);
            NabSeries of = series.get(event.series());
            names[i] = of.metricName();
            offsetsMillis[i] = event.offsetMillis();
            values[i] = of.values()[event.row()];
        }
        this.startMillis = startMillis;
        this.speedUp = speedUp;
        this.spanMillis = size == 0 ? 0 : offsetsMillis[size - 1];
        int firstAfter = 0;
        if (lastSentMillis.isPresent()) {
            while (firstAfter < size
                    && timestampMillis(firstAfter, endMillis(firstAfter))
                            <= lastSentMillis.getAsLong()) {
                firstAfter++;
            }
        }
        this.first = firstAfter;
        this.cursor = firstAfter;
        this.endMillis = first < size ? endMillis(first) : startMillis;
    }

    /**
     * When the replay that starts at event {@code from} sends its last sample, in whole seconds.
     */
    private long endMillis(int from) {
        long wallMillis = (long) Math.floor((spanMillis - offsetsMillis[from]) / speedUp);
        return Math.floorDiv(startMillis + wallMillis, 1000) * 1000;
    }

    private long timestampMillis(int event, long end) {
        return end - (spanMillis - offsetsMillis[event]);
    }

    private long dueMillis(int event) {
        return startMillis
                + (long) Math.ceil((offsetsMillis[event] - offsetsMillis[first]) / speedUp);
    }

    @Override
    public long nextDueMillis() {
        return cursor < names.length ? dueMillis(cursor) : Long.MAX_VALUE;
    }

    @Override
    public List<MetricLine> takeDue(long nowMillis) {
        List<MetricLine> lines = new ArrayList<>();
        while (cursor < names.length && dueMillis(cursor) <= nowMillis) {
            lines.add(
                    new MetricLine(
                            names[cursor], values[cursor], timestampMillis(cursor, endMillis)));
            cursor++;
        }
        return lines;
    }

    /** Samples skipped because an earlier run sent their time already. */
    int skipped() {
        return first;
    }

    /** Samples this replay sends. */
    int toSend() {
        return names.length - first;
    }

    /** Timestamp of the first sample sent. */
    long firstTimestampMillis() {
        return first < names.length ? timestampMillis(first, endMillis) : endMillis;
    }

    /** Timestamp of the last sample, which is also when it is sent. */
    long endMillis() {
        return endMillis;
    }
}
