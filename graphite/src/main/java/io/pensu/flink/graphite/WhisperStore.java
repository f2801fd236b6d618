package io.pensu.flink.graphite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The series carbon-cache stored under its whisper directory: a series {@code a.b.c} lives in
 * {@code a/b/c.wsp}. Input metrics are found by the job's anomaly likelihood series.
 */
public final class WhisperStore {

    private static final String SUFFIX = ".wsp";

    private final Path root;
    private final String template;

    /**
     * @param root carbon's LOCAL_DATA_DIR
     * @param template the job's PENSU_METRIC_NAMES_TEMPLATE
     */
    public WhisperStore(Path root, String template) {
        this.root = root;
        this.template = template;
    }

    /** The input metrics the job wrote an anomaly likelihood for, sorted by name. */
    public List<String> inputMetrics() throws IOException {
        Path outputs = pathOf(SeriesKind.ANOMALY_LIKELIHOOD.seriesName(template, "x")).getParent();
        if (!Files.isDirectory(outputs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(outputs)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .map(f -> metricName(outputs.relativize(f)))
                    .sorted()
                    .toList();
        }
    }

    /** The metric's series with points in from..until, read as of {@code now}. */
    public MetricSeries read(String metric, long from, long until, long now) throws IOException {
        Map<SeriesKind, TimeSeries> series = new EnumMap<>(SeriesKind.class);
        for (SeriesKind kind : SeriesKind.values()) {
            series.put(kind, read(metric, kind, from, until, now));
        }
        return new MetricSeries(metric, series);
    }

    /** One series of the metric with points in from..until, read as of {@code now}. */
    public TimeSeries read(String metric, SeriesKind kind, long from, long until, long now)
            throws IOException {
        Path file = pathOf(kind.seriesName(template, metric));
        return Files.isRegularFile(file)
                ? WhisperFile.open(file).read(from, until, now)
                : TimeSeries.EMPTY;
    }

    Path pathOf(String seriesName) {
        return root.resolve(seriesName.replace('.', '/') + SUFFIX);
    }

    private static String metricName(Path relative) {
        String path = relative.toString().replace(relative.getFileSystem().getSeparator(), ".");
        return path.substring(0, path.length() - SUFFIX.length());
    }
}
