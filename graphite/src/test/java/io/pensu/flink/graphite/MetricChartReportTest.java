package io.pensu.flink.graphite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MetricChartReportTest {

    static final long NOW = WhisperFileTest.NOW;

    /** A whisper directory where every series of the metric holds the fixture's points. */
    static Path whisperDirWith(Path dir, String metric) throws Exception {
        WhisperStore store = new WhisperStore(dir, SeriesKind.DEFAULT_TEMPLATE);
        for (SeriesKind kind : SeriesKind.values()) {
            Path file = store.pathOf(kind.seriesName(SeriesKind.DEFAULT_TEMPLATE, metric));
            Files.createDirectories(file.getParent());
            Files.copy(WhisperFileTest.fixture(), file);
        }
        return dir;
    }

    @Test
    void findsTheInputMetricsByTheirLikelihoodSeries(@TempDir Path dir) throws Exception {
        whisperDirWith(dir, "e2e.web.cpu");
        whisperDirWith(dir, "e2e.db.load");
        Files.createDirectories(dir.resolve("carbon/agents"));

        assertThat(new WhisperStore(dir, SeriesKind.DEFAULT_TEMPLATE).inputMetrics())
                .containsExactly("e2e.db.load", "e2e.web.cpu");
    }

    @Test
    void readsEverySeriesOfAMetric(@TempDir Path dir) throws Exception {
        whisperDirWith(dir, "e2e.web.cpu");

        MetricSeries cpu =
                new WhisperStore(dir, SeriesKind.DEFAULT_TEMPLATE)
                        .read("e2e.web.cpu", NOW - 59, NOW, NOW);

        for (SeriesKind kind : SeriesKind.values()) {
            assertThat(cpu.get(kind).size()).as(kind.name()).isEqualTo(60);
        }
    }

    @Test
    void writesAPageWithAnIndexAndAChartPerMetric(@TempDir Path dir) throws Exception {
        whisperDirWith(dir.resolve("whisper"), "e2e.web.cpu");
        ReportOptions options =
                ReportOptions.parse(
                        NOW,
                        "--whisper-dir",
                        dir.resolve("whisper").toString(),
                        "--out",
                        dir.resolve("report").toString(),
                        "--from",
                        Long.toString(NOW - 59));

        Path page = new MetricChartReport(options).write(NOW);

        String html = Files.readString(page);
        assertThat(page).isEqualTo(dir.resolve("report/index.html"));
        assertThat(html)
                .contains("<a href=\"#e2e.web.cpu\">e2e.web.cpu</a><td>60<td>60<td>60")
                .contains("<section id=\"e2e.web.cpu\">")
                .contains("<svg")
                .doesNotContain("<script");
        // The fixture's "direction" is never 0: every point is an anomaly line.
        assertThat(html.split("stroke=\"" + MetricChart.ANOMALY + "\" stroke-width=\"1.5\""))
                .hasSize(121);
    }

    @Test
    void chartsEachMetricUpToItsOwnNewestPointByDefault(@TempDir Path dir) throws Exception {
        whisperDirWith(dir.resolve("whisper"), "e2e.web.cpu");
        long now = NOW + 100;
        ReportOptions defaults =
                ReportOptions.parse(now, "--whisper-dir", dir.resolve("whisper").toString());
        ReportOptions latest30Seconds =
                new ReportOptions(
                        defaults.whisperDir(),
                        dir.resolve("report"),
                        defaults.from(),
                        defaults.until(),
                        30,
                        defaults.template(),
                        defaults.likelihoodThreshold(),
                        defaults.scoreThreshold());

        String html = Files.readString(new MetricChartReport(latest30Seconds).write(now));

        // The metric stopped 100 s before now: its last 30 s of points (the coarse archive's
        // 10 s steps), not the 30 s before now, which have none.
        assertThat(defaults.latestSeconds()).isEqualTo(6 * 3600);
        assertThat(html).contains("<a href=\"#e2e.web.cpu\">e2e.web.cpu</a><td>4<td>4<td>4");
    }

    @Test
    void chartsTheWholeRangeWhenOneIsGiven(@TempDir Path dir) {
        ReportOptions options =
                ReportOptions.parse(NOW, "--whisper-dir", dir.toString(), "--from", "1");

        assertThat(options.latestSeconds()).isZero();
        assertThat(options.from()).isEqualTo(1);
    }

    @Test
    void movesTheDefaultRangeAlongWithTimeButNotARangeGiven(@TempDir Path dir) {
        ReportOptions defaults = ReportOptions.parse(NOW, "--whisper-dir", dir.toString());
        ReportOptions given =
                ReportOptions.parse(NOW, "--whisper-dir", dir.toString(), "--from", "1");

        ReportOptions later = defaults.movedTo(NOW + 600);

        assertThat(later.from()).isEqualTo(defaults.from() + 600);
        assertThat(later.until()).isEqualTo(defaults.until() + 600);
        assertThat(later.latestSeconds()).isEqualTo(defaults.latestSeconds());
        assertThat(given.movedTo(NOW + 600)).isEqualTo(given);
    }

    @Test
    void saysSoWhenGraphiteHasNoMetricsYet(@TempDir Path dir) throws IOException {
        ReportOptions options =
                ReportOptions.parse(NOW, "--whisper-dir", dir.toString(), "--out", dir.toString());

        String html = Files.readString(new MetricChartReport(options).write(NOW));

        assertThat(html).contains("no metrics with anomaly likelihood series in Graphite yet");
    }
}
