package io.pensu.flink.graphite;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/** An input metric's series as Graphite stored them, and what the chart marks in them. */
public record MetricSeries(String metric, Map<SeriesKind, TimeSeries> series) {

    public MetricSeries {
        Map<SeriesKind, TimeSeries> complete = new EnumMap<>(SeriesKind.class);
        for (SeriesKind kind : SeriesKind.values()) {
            complete.put(kind, series.getOrDefault(kind, TimeSeries.EMPTY));
        }
        series = Map.copyOf(complete);
    }

    public TimeSeries get(SeriesKind kind) {
        return series.get(kind);
    }

    public boolean isEmpty() {
        return series.values().stream().allMatch(TimeSeries::isEmpty);
    }

    /**
     * Every series from the value's {@code points}-th newest point on: a live chart of a metric
     * sampled every second stays readable, and cheap to draw.
     */
    public MetricSeries latest(int points) {
        TimeSeries values = get(SeriesKind.VALUE);
        if (values.size() <= points) {
            return this;
        }
        long from = values.timestamps()[values.size() - points];
        Map<SeriesKind, TimeSeries> cut = new EnumMap<>(SeriesKind.class);
        series.forEach((kind, s) -> cut.put(kind, s.since(from)));
        return new MetricSeries(metric, cut);
    }

    /** The job's reported anomalies: where the direction is not 0, with its sign. */
    public TimeSeries anomalies() {
        TimeSeries direction = get(SeriesKind.ANOMALY_DIRECTION);
        int[] at =
                IntStream.range(0, direction.size())
                        .filter(i -> direction.values()[i] != 0)
                        .toArray();
        return new TimeSeries(
                Arrays.stream(at).mapToLong(i -> direction.timestamps()[i]).toArray(),
                Arrays.stream(at).mapToDouble(i -> direction.values()[i]).toArray());
    }

    /** Timestamps whose anomaly likelihood reaches the threshold. */
    public long[] likelihoodAtLeast(double threshold) {
        TimeSeries likelihood = get(SeriesKind.ANOMALY_LIKELIHOOD);
        return LongStream.range(0, likelihood.size())
                .filter(i -> likelihood.values()[(int) i] >= threshold)
                .map(i -> likelihood.timestamps()[(int) i])
                .toArray();
    }

    /** The earliest and latest timestamp over all series; empty series give {@code [0, 0]}. */
    public long[] timeRange() {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TimeSeries s : series.values()) {
            if (!s.isEmpty()) {
                first = Math.min(first, s.timestamps()[0]);
                last = Math.max(last, s.timestamps()[s.size() - 1]);
            }
        }
        return first > last ? new long[] {0, 0} : new long[] {first, last};
    }

    /** The smallest and largest of the value and the prediction, the value panel's y range. */
    public double[] valueRange() {
        double[] both =
                DoubleStream.concat(
                                Arrays.stream(get(SeriesKind.VALUE).values()),
                                Arrays.stream(get(SeriesKind.PREDICTION).values()))
                        .toArray();
        return new double[] {
            Arrays.stream(both).min().orElse(0), Arrays.stream(both).max().orElse(1)
        };
    }
}
