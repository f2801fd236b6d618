package io.pensu.flink.graphite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The live page's endpoints, over HTTP, against whisper files written by Graphite's library. */
class LiveChartServerTest {

    private static final long NOW = WhisperFileTest.NOW;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LiveChartServer server;

    @BeforeEach
    void serveTheFixture(@TempDir Path dir) throws Exception {
        MetricChartReportTest.whisperDirWith(dir, "e2e.web.cpu");
        MetricChartReportTest.whisperDirWith(dir, "e2e.db.load");
        LiveChartOptions options =
                LiveChartOptions.parse(
                        NOW,
                        "--whisper-dir",
                        dir.toString(),
                        "--from",
                        Long.toString(NOW - 59),
                        "--port",
                        "0",
                        "--points",
                        "10");
        server = LiveChartServer.start(options, () -> NOW);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void indexesEachMetricWithItsLatestPoints() throws Exception {
        HttpResponse<String> response = get("api/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/json; charset=utf-8");
        JsonNode index = new ObjectMapper().readTree(response.body());
        assertThat(index).hasSize(2);
        JsonNode cpu = index.get(1);
        // The fixture's last minute at 1 s steps (1.5 * i at 1699999911 + i); its latest 10 points.
        assertThat(cpu.get("metric").asText()).isEqualTo("e2e.web.cpu");
        assertThat(cpu.get("from").asLong()).isEqualTo(NOW - 9);
        assertThat(cpu.get("until").asLong()).isEqualTo(NOW);
        assertThat(cpu.get("values").asInt()).isEqualTo(10);
        assertThat(cpu.get("latestValue").asDouble()).isEqualTo(1.5 * 89);
        // Every series is the fixture: direction never 0, likelihood far over the threshold.
        assertThat(cpu.get("anomalies").asInt()).isEqualTo(10);
        assertThat(cpu.get("likelihoodsOverThreshold").asInt()).isEqualTo(10);
        assertThat(index.get(0).get("metric").asText()).isEqualTo("e2e.db.load");
    }

    @Test
    void servesAMetricsChartAsAnSvgDocument() throws Exception {
        HttpResponse<String> response = get("api/chart.svg?metric=e2e.web.cpu");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("image/svg+xml; charset=utf-8");
        assertThat(response.body())
                .startsWith("<svg ")
                .contains("xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("<polyline")
                .endsWith("</svg>");
        // Ten anomalies, each a red line through both panels.
        assertThat(response.body().split("stroke=\"" + MetricChart.ANOMALY + "\" stroke-width"))
                .hasSize(21);
    }

    @Test
    void answersOnlyForMetricsGraphiteHolds() throws Exception {
        assertThat(get("api/chart.svg?metric=e2e.no.such").statusCode()).isEqualTo(404);
        assertThat(get("api/chart.svg?metric=..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
        assertThat(get("api/chart.svg").statusCode()).isEqualTo(400);
        assertThat(get("index.php").statusCode()).isEqualTo(404);
    }

    @Test
    void servesThePageThatReadsTheEndpointsAgainAndAgain() throws Exception {
        HttpResponse<String> response = get("");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("<title>Pensu: live charts</title>")
                .contains("latest 10 values")
                .contains("style=\"color:" + MetricChart.LIKELIHOOD + "\"")
                .contains("fetch(\"api/metrics\"")
                .contains("const REFRESH_MILLIS = 5000;")
                .doesNotContain("{{");
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = server.uri().resolve(path);
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
