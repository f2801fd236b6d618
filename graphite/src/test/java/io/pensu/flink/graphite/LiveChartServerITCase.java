package io.pensu.flink.graphite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page as a person sees it: Debian's carbon-cache receives the points, the server reads
 * its whisper files, and Chromium keeps the page open while new points arrive.
 */
class LiveChartServerITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> METRICS = List.of("live.db.load", "live.web.cpu");
    private static final String CPU_CHART = "[id=\"live.web.cpu\"] img";
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);
    private static final Path SCREENSHOTS = Path.of("target", "live-charts");

    @Test
    void theChartsChangeWhileThePageIsOpenAsCarbonReceivesPoints(@TempDir Path dir)
            throws Exception {
        long start = Instant.now().getEpochSecond() - 300;
        try (CarbonCache carbon = CarbonCache.start(dir.resolve("carbon"), "1s:1h")) {
            carbon.send(samples(start, 0, 60));
            awaitStored(carbon.whisperDir(), start, 60);
            LiveChartOptions options =
                    LiveChartOptions.parse(
                            Instant.now().getEpochSecond(),
                            "--whisper-dir",
                            carbon.whisperDir().toString(),
                            "--port",
                            "0",
                            "--refresh-seconds",
                            "1");
            try (LiveChartServer server = LiveChartServer.start(options);
                    HeadlessChromium page =
                            HeadlessChromium.open(server.uri(), dir.resolve("chromium"))) {
                awaitShown(page, start + 60);
                assertThat(page.evaluate("document.getElementById('index').innerText").asText())
                        .contains(METRICS);
                byte[] before = page.screenshot(CPU_CHART);
                awaitRefresh(page);
                byte[] unchanged = page.screenshot(CPU_CHART);

                carbon.send(samples(start, 60, 90));
                awaitStored(carbon.whisperDir(), start, 90);
                awaitShown(page, start + 90);
                byte[] after = page.screenshot(CPU_CHART);

                Files.createDirectories(SCREENSHOTS);
                Files.write(SCREENSHOTS.resolve("before.png"), before);
                Files.write(SCREENSHOTS.resolve("after.png"), after);
                // Read again with nothing new, the chart stays as it was: what changes it is data.
                assertThat(pixels(unchanged)).isEqualTo(pixels(before));
                assertThat(pixels(after)).isNotEqualTo(pixels(before));
                assertThat(page.evaluate("document.getElementById('status').innerText").asText())
                        .startsWith("2 metrics;");
            }
        }
    }

    /**
     * Samples i in from..to - 1 of each metric, one a second from {@code start}, with the job's
     * outputs: a calm wave, then from sample 60 on a level far above it, reported as anomalous.
     */
    private static List<String> samples(long start, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (String metric : METRICS) {
            for (int i = from; i < to; i++) {
                boolean jumped = i >= 60;
                double value = jumped ? 90 : 50 + 10 * Math.sin(i / 5.0);
                long at = start + i;
                lines.add(line(SeriesKind.VALUE, metric, value, at));
                lines.add(line(SeriesKind.PREDICTION, metric, jumped ? 55 : value + 1, at + 1));
                lines.add(line(SeriesKind.PREDICTION_CONFIDENCE, metric, 0.8, at + 1));
                lines.add(line(SeriesKind.ANOMALY_SCORE, metric, jumped ? 1 : 0.1, at));
                lines.add(line(SeriesKind.ANOMALY_LIKELIHOOD, metric, jumped ? 1 : 0.5, at));
                lines.add(line(SeriesKind.ANOMALY_DIRECTION, metric, i == 60 ? 1 : 0, at));
            }
        }
        return lines;
    }

    private static String line(SeriesKind kind, String metric, double value, long at) {
        return String.format(
                Locale.ROOT,
                "%s %s %d",
                kind.seriesName(SeriesKind.DEFAULT_TEMPLATE, metric),
                value,
                at);
    }

    /** Waits until carbon wrote the first {@code samples} samples of every series. */
    private static void awaitStored(Path whisperDir, long start, int samples) throws Exception {
        WhisperStore store = new WhisperStore(whisperDir, SeriesKind.DEFAULT_TEMPLATE);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!stored(store, start, samples)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "carbon did not store " + samples + " samples of " + METRICS);
            }
            Thread.sleep(200);
        }
    }

    private static boolean stored(WhisperStore store, long start, int samples) throws Exception {
        long now = Instant.now().getEpochSecond();
        for (String metric : METRICS) {
            MetricSeries series = store.read(metric, start, start + samples, now);
            for (SeriesKind kind : SeriesKind.values()) {
                if (series.get(kind).size() < samples) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Waits until the page shows points up to {@code newest} (the prediction for the sample after
     * the last), its charts loaded.
     */
    private static void awaitShown(HeadlessChromium page, long newest) throws Exception {
        String expression =
                "(document.getElementById('status')?.innerText ?? '').includes('"
                        + UTC.format(Instant.ofEpochSecond(newest))
                        + "') && "
                        + chartsLoaded();
        page.awaitTrue(expression, TIMEOUT, "the page did not show points up to " + newest);
    }

    /** Waits until the page read everything once more. */
    private static void awaitRefresh(HeadlessChromium page) throws Exception {
        int seen = page.evaluate("refreshes").asInt();
        page.awaitTrue(
                "refreshes > " + (seen + 1) + " && " + chartsLoaded(),
                TIMEOUT,
                "the page did not read the charts again");
    }

    private static String chartsLoaded() {
        return "document.images.length === "
                + METRICS.size()
                + " && [...document.images].every(i => i.complete && i.naturalWidth > 0)";
    }

    private static int[] pixels(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
