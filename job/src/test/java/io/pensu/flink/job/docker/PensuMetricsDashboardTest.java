package io.pensu.flink.job.docker;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.Prediction;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;
import io.pensu.flink.output.GraphiteLines;
import io.pensu.flink.output.KeyedText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The provisioned "Pensu Metrics" Grafana dashboard charts what the job writes. */
class PensuMetricsDashboardTest {

    private static final Path GRAFANA = DockerStack.DOCKER.resolve("grafana");
    private static final String METRIC_VARIABLE = "$metric";

    /** Graphite series paths in a target: a dotted name, possibly with the metric variable. */
    private static final Pattern SERIES = Pattern.compile("[A-Za-z0-9_.$*-]*\\$metric\\b");

    private static final Pattern OVER_THRESHOLD =
            Pattern.compile("removeBelowValue\\(([^,]+), *([0-9.]+)\\)");

    private final JsonNode dashboard = readJson(GRAFANA.resolve("dashboards/pensu-metrics.json"));
    private final PensuConfig config = DockerStack.jobConfig(DockerStack.compose());

    @Test
    void chartsTheInputAndEverySeriesTheJobEmitsForAMetric() {
        Set<String> expected = new TreeSet<>(emittedNames(METRIC_VARIABLE));
        expected.add(METRIC_VARIABLE);

        assertThat(seriesInTargets()).isEqualTo(expected);
    }

    @Test
    void marksLikelihoodAndScoreFromTheJobsReportingThresholds() {
        String likelihood = emittedName("anomaly_likelihood", METRIC_VARIABLE);
        String score = emittedName("anomaly_score", METRIC_VARIABLE);
        List<String> marked = new ArrayList<>();

        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher over = OVER_THRESHOLD.matcher(target.path("target").asText());
                while (over.find()) {
                    String series = over.group(1).trim();
                    double threshold = Double.parseDouble(over.group(2));
                    marked.add(series);
                    assertThat(threshold)
                            .as("threshold of %s", series)
                            .isEqualTo(
                                    series.equals(likelihood)
                                            ? config.get(Settings.ANOMALY_LIKELIHOOD_THRESHOLD)
                                            : config.get(Settings.ANOMALY_SCORE_THRESHOLD));
                    assertThat(thresholdLine(panel)).as("line in %s", series).isEqualTo(threshold);
                }
            }
        }

        assertThat(marked).containsExactlyInAnyOrder(likelihood, score);
    }

    @Test
    void repeatsOneRowPerInputMetricTheJobScored() {
        JsonNode variable = dashboard.path("templating").path("list").get(0);
        String scoredPrefix = emittedName("anomaly_score", "").replaceAll("\\.$", "");

        assertThat("$" + variable.path("name").asText()).isEqualTo(METRIC_VARIABLE);
        assertThat(variable.path("query").path("target").asText())
                .contains(scoredPrefix + ".*.*")
                .contains("'^" + scoredPrefix.replace(".", "\\.") + "\\.'");
        assertThat(dashboard.path("panels").get(0).path("repeat").asText())
                .isEqualTo(variable.path("name").asText());
    }

    @Test
    void queriesTheProvisionedGraphiteDataSource() {
        JsonNode datasource =
                ComposeFile.readYaml(GRAFANA.resolve("provisioning/datasources/graphite.yaml"))
                        .path("datasources")
                        .get(0);
        List<JsonNode> references = new ArrayList<>(dashboard.findValues("datasource"));

        assertThat(dashboard.path("title").asText()).isEqualTo("Pensu Metrics");
        assertThat(datasource.path("url").asText()).startsWith("http://graphite:");
        assertThat(references)
                .isNotEmpty()
                .allSatisfy(
                        reference ->
                                assertThat(reference.path("uid").asText())
                                        .isEqualTo(datasource.path("uid").asText()));
    }

    private Set<String> seriesInTargets() {
        Set<String> series = new TreeSet<>();
        for (JsonNode target : dashboard.findValues("target")) {
            Matcher matcher = SERIES.matcher(target.asText());
            while (matcher.find()) {
                series.add(matcher.group());
            }
        }
        return series;
    }

    /** Names of the Graphite lines the job writes for a sample of {@code metric}. */
    private List<String> emittedNames(String metric) {
        GraphiteLines lines = new GraphiteLines(config.get(Settings.METRIC_NAMES_TEMPLATE));
        Detection detection =
                new Detection(
                        metric,
                        1_700_000_000_000L,
                        42.0,
                        0.5,
                        0.75,
                        false,
                        true,
                        1,
                        40.0,
                        new Prediction(1_700_000_300_000L, 41.0, 0.9));
        List<KeyedText> written = new ArrayList<>(lines.anomalyLines(detection));
        written.addAll(lines.predictionLines(detection));
        return written.stream().map(line -> line.value().split(" ")[0]).toList();
    }

    private String emittedName(String kind, String metric) {
        return emittedNames(metric).stream()
                .filter(name -> name.contains("." + kind + "."))
                .findFirst()
                .orElseThrow();
    }

    /** The value of the panel's threshold line: its one step above the base. */
    private static double thresholdLine(JsonNode panel) {
        JsonNode steps =
                panel.path("fieldConfig").path("defaults").path("thresholds").path("steps");
        assertThat(steps).hasSize(2);
        return steps.get(1).path("value").asDouble();
    }

    private static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
