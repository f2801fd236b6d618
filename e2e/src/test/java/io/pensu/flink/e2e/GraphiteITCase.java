package io.pensu.flink.e2e;

import io.pensu.flink.job.E2eInput;
import io.pensu.flink.job.config.Settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeing the results: Debian's carbon-cache and the project's forwarder on a run's input and
 * Graphite topics store exactly what the topics hold (read back with Graphite's own whisper-fetch),
 * and the chart report (scripts/graphite-report.sh) renders a chart per metric in Chromium.
 */
class GraphiteITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = E2eInput.CHUNK * E2eInput.CHUNKS;

    private static LocalStack stack;
    private static ClusterRun run;

    @BeforeAll
    static void runTheJob() throws Exception {
        stack = new LocalStack();
        run = stack.submitted("charted", Map.of(), 2);
        List<String> lines = new ArrayList<>(E2eInput.lines(0, E2eInput.CHUNKS));
        // Two lines that are not carbon lines, which the forwarder skips.
        lines.addAll(List.of("e2e.web.cpu x 1700000000", "e2e.web.cpu 1"));
        run.produce(lines);
        run.expectOutputsOf(E2eInput.chunks(0, E2eInput.CHUNKS));
        run.cancel();
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void carbonStoresTheOutputsExactlyAndTheChartReportRenders() throws Exception {
        List<String> topics =
                List.of(
                        run.config.get(Settings.METRICS_KAFKA_TOPIC),
                        run.config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC),
                        run.config.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC));
        Map<String, Map<Long, Double>> sent = new TreeMap<>();
        for (String topic : topics) {
            for (var record :
                    stack.kafka().drain(topic, 1, Duration.ofSeconds(30), Duration.ofSeconds(2))) {
                String[] fields = record.value().split(" ");
                if (fields.length == 3 && fields[1].matches("-?[0-9.Ee+-]+")) {
                    sent.computeIfAbsent(fields[0], n -> new TreeMap<>())
                            .put(Long.parseLong(fields[2]), Double.parseDouble(fields[1]));
                }
            }
        }
        stack.startGraphite(topics);
        Path whisper = stack.stateDir.resolve("graphite/storage/whisper");
        LocalStack.await(
                "carbon stores every point the topics hold",
                () ->
                        sent.entrySet().stream()
                                .allMatch(s -> stored(whisper, s.getKey()).equals(s.getValue())));
        stack.stopForwarder();
        assertThat(Files.readString(stack.stateDir.resolve("graphite/log/forwarder.log")))
                .containsPattern("Stopped: [0-9]+ lines forwarded, 2 skipped");

        Path report = stack.workDir("graphite-report");
        long from = E2eInput.START_MILLIS / 1000;
        ProcessBuilder chart =
                new ProcessBuilder(
                                stack.repository.resolve("scripts/graphite-report.sh").toString(),
                                "--from",
                                Long.toString(from),
                                "--until",
                                Long.toString(from + 60L * (SAMPLES + 3)),
                                "--out",
                                report.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(report.resolve("report.log").toFile());
        chart.environment().put("PENSU_LOCAL_DIR", stack.stateDir.toString());
        assertThat(chart.start().waitFor()).as("graphite-report.sh").isZero();
        String index = Files.readString(report.resolve("index.html"));
        for (String metric : E2eInput.METRICS) {
            long anomalies =
                    sent
                            .getOrDefault(
                                    "pensu.anomaly_direction.metrics_analyzer." + metric, Map.of())
                            .values()
                            .stream()
                            .filter(v -> v != 0)
                            .count();
            assertThat(index)
                    .contains(
                            "<a href=\"#"
                                    + metric
                                    + "\">"
                                    + metric
                                    + "</a><td>"
                                    + SAMPLES
                                    + "<td>"
                                    + SAMPLES
                                    + "<td>"
                                    + anomalies
                                    + "<");
        }
        WebUiPage page =
                WebUiPage.render(
                        report.resolve("index.html").toUri().toString(),
                        report,
                        // The report's own heading: about:blank, before it, is complete too.
                        "document.readyState === 'complete'"
                                + " && document.querySelector('h1') !== null");
        assertThat(page.distinctColours()).isGreaterThan(16);
        assertThat(page.count(Pattern.compile("<section"))).isEqualTo(E2eInput.METRICS.size());
        // Every line and dot an element of its own: one left open would hide all that follows it.
        assertThat(page.count(Pattern.compile("<(line|circle)[^>]*>")))
                .isEqualTo(page.count(Pattern.compile("<(line|circle)[^>]*></(line|circle)>")));
    }

    /** The points that carbon stored for a series, by whisper-fetch. */
    private static Map<Long, Double> stored(Path whisper, String name) {
        Path file = whisper.resolve(name.replace('.', '/') + ".wsp");
        Map<Long, Double> points = new TreeMap<>();
        if (!Files.exists(file)) {
            return points;
        }
        try {
            Process fetch =
                    new ProcessBuilder(
                                    "whisper-fetch",
                                    "--json",
                                    "--from",
                                    Long.toString(E2eInput.START_MILLIS / 1000 - 1),
                                    "--until",
                                    Long.toString(
                                            E2eInput.START_MILLIS / 1000 + 60L * (SAMPLES + 3)),
                                    file.toString())
                            .start();
            JsonNode fetched = JSON.readTree(fetch.getInputStream());
            fetch.waitFor();
            long start = fetched.path("start").asLong();
            long step = fetched.path("step").asLong();
            JsonNode values = fetched.path("values");
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).isNull()) {
                    points.put(start + i * step, values.get(i).asDouble());
                }
            }
            return points;
        } catch (Exception e) {
            return Map.of();
        }
    }
}
