package io.pensu.flink.graphite;

import io.pensu.flink.charts.Html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts what Graphite stored: for every input metric the job wrote outputs for, its value,
 * prediction, prediction confidence, anomaly likelihood, score and direction, read from carbon's
 * whisper files (so the report shows what carbon received). Writes one self-contained HTML page, an
 * index and a chart per metric, that needs neither scripts nor a network.
 */
public final class MetricChartReport {

    private final ReportOptions options;

    public MetricChartReport(ReportOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws IOException {
        ReportOptions options;
        try {
            options = ReportOptions.parse(Instant.now().getEpochSecond(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("MetricChartReport: " + e.getMessage());
            System.err.println(ReportOptions.USAGE);
            System.exit(2);
            return;
        }
        Path page = new MetricChartReport(options).write(Instant.now().getEpochSecond());
        System.out.println(page.toAbsolutePath());
    }

    /**
     * Writes {@code out/index.html}.
     *
     * @param now epoch seconds: decides which whisper archive a range is read from
     * @return the page
     */
    public Path write(long now) throws IOException {
        WhisperStore store = new WhisperStore(options.whisperDir(), options.template());
        List<MetricSeries> metrics = new ArrayList<>();
        for (String metric : store.inputMetrics()) {
            metrics.add(read(store, options, metric, now));
        }
        Files.createDirectories(options.out());
        Path page = options.out().resolve("index.html");
        Files.writeString(page, html(metrics), StandardCharsets.UTF_8);
        return page;
    }

    /**
     * The metric's series in the options' range: all of it, or the latest seconds up to its newest
     * likelihood.
     */
    static MetricSeries read(WhisperStore store, ReportOptions options, String metric, long now)
            throws IOException {
        if (options.latestSeconds() == 0) {
            return store.read(metric, options.from(), options.until(), now);
        }
        // The whole range of one series finds the newest point, as the live page does every
        // few seconds; then every series over the latest seconds, which whisper serves from a
        // finer archive where one still holds them.
        TimeSeries likelihood =
                store.read(
                        metric,
                        SeriesKind.ANOMALY_LIKELIHOOD,
                        options.from(),
                        options.until(),
                        now);
        long newest =
                likelihood.isEmpty()
                        ? options.until()
                        : likelihood.timestamps()[likelihood.size() - 1];
        long from = Math.max(options.from(), newest - options.latestSeconds());
        return store.read(metric, from, options.until(), now);
    }

    String html(List<MetricSeries> metrics) {
        MetricChart chart =
                new MetricChart(options.likelihoodThreshold(), options.scoreThreshold());
        StringBuilder index = new StringBuilder();
        StringBuilder charts = new StringBuilder();
        for (MetricSeries m : metrics) {
            String name = Html.escape(m.metric());
            if (m.isEmpty()) {
                index.append(String.format(Locale.ROOT, "<tr><td>%s<td colspan=3>no points", name));
                continue;
            }
            index.append(
                    String.format(
                            Locale.ROOT,
                            "<tr><td><a href=\"#%s\">%s</a><td>%d<td>%d<td>%d",
                            name,
                            name,
                            m.get(SeriesKind.VALUE).size(),
                            m.get(SeriesKind.ANOMALY_LIKELIHOOD).size(),
                            m.anomalies().size()));
            charts.append(chart.section(m));
        }
        return String.format(
                Locale.ROOT,
                "<!DOCTYPE html><html><head><meta charset=utf-8><title>Pensu: metrics in"
                        + " Graphite</title><style>body{font-family:sans-serif;margin:16px}"
                        + "td,th{padding:2px 10px;text-align:left}</style></head><body>"
                        + "<h1>Pensu: metrics in Graphite</h1><p>%s, read from %s. %s</p><table>"
                        + "<tr><th>metric<th>values<th>likelihoods<th>anomalies%s</table>%s"
                        + "</body></html>",
                options.latestSeconds() == 0
                        ? Instant.ofEpochSecond(options.from())
                                + " .. "
                                + Instant.ofEpochSecond(options.until())
                        : String.format(
                                Locale.ROOT,
                                "Each metric's latest %d hours in %s .. %s",
                                options.latestSeconds() / 3600,
                                Instant.ofEpochSecond(options.from()),
                                Instant.ofEpochSecond(options.until())),
                Html.escape(options.whisperDir().toString()),
                chart.legend(),
                metrics.isEmpty()
                        ? "<tr><td colspan=4>no metrics with "
                                + "anomaly likelihood series in Graphite yet"
                        : index,
                charts);
    }
}
