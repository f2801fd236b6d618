package io.pensu.flink.graphite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * Serves live charts of what carbon stores, on 127.0.0.1: a page ({@code /}) with an index of the
 * input metrics and a chart per metric that it reads again every few seconds, from {@code
 * /api/metrics} (the index, JSON) and {@code /api/chart.svg?metric=NAME} (a chart, SVG).
 */
public final class LiveChartServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveChartServer.class);
    private static final String PAGE = "live-charts.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveCharts charts;
    private final String page;
    private final LongSupplier clock;
    private final HttpServer server;
    private final ExecutorService executor;

    private LiveChartServer(LiveChartOptions options, LongSupplier clock) throws IOException {
        this.charts = new LiveCharts(options);
        this.clock = clock;
        this.page = page(options, charts.legend());
        this.server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        // Two threads: a page's requests come one after the other, a second page may be open.
        this.executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts serving; {@link #close()} stops. */
    public static LiveChartServer start(LiveChartOptions options) throws IOException {
        return start(options, () -> Instant.now().getEpochSecond());
    }

    /**
     * @param clock epoch seconds: what "now" is for the charts' range and whisper's archives
     */
    static LiveChartServer start(LiveChartOptions options, LongSupplier clock) throws IOException {
        return new LiveChartServer(options, clock);
    }

    public static void main(String[] args) throws IOException {
        LiveChartOptions options;
        try {
            options = LiveChartOptions.parse(Instant.now().getEpochSecond(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("LiveChartServer: " + e.getMessage());
            System.err.println(LiveChartOptions.USAGE);
            System.exit(2);
            return;
        }
        LiveChartServer server;
        try {
            server = start(options);
        } catch (BindException e) {
            System.err.println(
                    "LiveChartServer: port "
                            + options.port()
                            + " on 127.0.0.1 is taken; choose another with --port");
            System.exit(2);
            return;
        }
        // The server's own threads keep the process alive until it is told to stop.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "live-charts-stop"));
        LOG.info(
                "Serving live charts of {} at {}",
                options.charts().whisperDir().toAbsolutePath(),
                server.uri());
    }

    /** The page's address. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                answer(exchange, clock.getAsLong());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not answer {}", exchange.getRequestURI(), e);
                send(exchange, 500, "text/plain", "could not read the charts: " + e);
            }
        }
    }

    private void answer(HttpExchange exchange, long now) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, "text/plain", "only GET");
        } else if (path.equals("/")) {
            send(exchange, 200, "text/html", page);
        } else if (path.equals("/api/metrics")) {
            send(exchange, 200, "application/json", JSON.writeValueAsString(charts.index(now)));
        } else if (path.equals("/api/chart.svg")) {
            serveChart(exchange, now);
        } else {
            send(exchange, 404, "text/plain", "no such page: " + path);
        }
    }

    private void serveChart(HttpExchange exchange, long now) throws IOException {
        Optional<String> metric = parameter(exchange.getRequestURI(), "metric");
        if (metric.isEmpty()) {
            send(exchange, 400, "text/plain", "which chart? add ?metric=NAME");
            return;
        }
        Optional<String> svg = charts.chart(metric.get(), now);
        if (svg.isEmpty()) {
            send(exchange, 404, "text/plain", "no outputs in Graphite for " + metric.get());
            return;
        }
        send(exchange, 200, "image/svg+xml", svg.get());
    }

    private static Optional<String> parameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static void send(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        // Every answer is as of now: the page asks again rather than keep an old one.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String page(LiveChartOptions options, String legend) throws IOException {
        try (InputStream in = LiveChartServer.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IOException("the page " + PAGE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{legend}}", legend)
                    .replace("{{points}}", Integer.toString(options.points()))
                    .replace(
                            "{{refreshMillis}}", Integer.toString(options.refreshSeconds() * 1000));
        }
    }
}
