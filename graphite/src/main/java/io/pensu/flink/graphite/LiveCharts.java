package io.pensu.flink.graphite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the live page shows, read from carbon's whisper files on every request: an index of the
 * input metrics and a chart per metric, each over the metric's latest values.
 */
final class LiveCharts {

    private final LiveChartOptions options;
    private final WhisperStore store;
    private final MetricChart chart;

    LiveCharts(LiveChartOptions options) {
        this.options = options;
        this.store = new WhisperStore(options.charts().whisperDir(), options.charts().template());
        this.chart =
                new MetricChart(
                        options.charts().likelihoodThreshold(), options.charts().scoreThreshold());
    }

    /** The input metrics as of {@code now} (epoch seconds), sorted by name. */
    List<MetricSummary> index(long now) throws IOException {
        List<MetricSummary> index = new ArrayList<>();
        for (String metric : store.inputMetrics()) {
            index.add(MetricSummary.of(read(metric, now), options.charts().likelihoodThreshold()));
        }
        return index;
    }

    /** The metric's chart as an SVG document; empty for a metric Graphite has no outputs of. */
    Optional<String> chart(String metric, long now) throws IOException {
        // Only names found in the store become paths: a name is never a way out of it.
        if (!store.inputMetrics().contains(metric)) {
            return Optional.empty();
        }
        return Optional.of(chart.svg(read(metric, now)));
    }

    /** The colours and thresholds of the charts, an HTML fragment. */
    String legend() {
        return chart.legend();
    }

    private MetricSeries read(String metric, long now) throws IOException {
        return MetricChartReport.read(store, options.charts().movedTo(now), metric, now)
                .latest(options.points());
    }
}
