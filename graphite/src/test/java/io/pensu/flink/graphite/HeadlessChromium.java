package io.pensu.flink.graphite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, with one page open that stays open: what a person sees over time,
 * read through the DevTools protocol (screenshots, and the values of JavaScript expressions).
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private HeadlessChromium(Process process, WebSocket.Builder socket, URI page) throws Exception {
        this.process = process;
        this.socket = socket.buildAsync(page, new Replies()).get(30, TimeUnit.SECONDS);
    }

    /** Starts Chromium on the page, with a profile in {@code dir}. */
    public static HeadlessChromium open(URI url, Path dir) throws Exception {
        Path chromium = DebianCommand.find("chromium", "chromium");
        Path profile = Files.createDirectories(dir.resolve("profile"));
        ProcessBuilder command =
                new ProcessBuilder(
                                chromium.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--no-zygote",
                                "--disable-gpu",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--hide-scrollbars",
                                "--window-size=1400,900",
                                "--remote-debugging-port=0",
                                "--user-data-dir=" + profile,
                                url.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("chromium.log").toFile());
        // Its lock and socket directory then goes with the test's, not into the shared /tmp.
        command.environment().put("TMPDIR", dir.toString());
        Process process = command.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            return new HeadlessChromium(
                    process, http.newWebSocketBuilder(), pageSocket(http, profile, url, process));
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * The DevTools address of the page: Chromium writes its port to the profile once it listens.
     */
    private static URI pageSocket(HttpClient http, Path profile, URI url, Process process)
            throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            if (Files.exists(portFile) && !Files.readString(portFile).isBlank()) {
                String port = Files.readAllLines(portFile).get(0);
                URI list = URI.create("http://127.0.0.1:" + port + "/json/list");
                JsonNode targets =
                        JSON.readTree(
                                http.send(
                                                HttpRequest.newBuilder(list).build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .body());
                // A single-page application may rewrite the fragment of its address.
                String document = url.toString().replaceFirst("#.*", "");
                for (JsonNode target : targets) {
                    if (target.path("type").asText().equals("page")
                            && target.path("url").asText().startsWith(document)) {
                        return URI.create(target.get("webSocketDebuggerUrl").asText());
                    }
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("Chromium did not open " + url + " for DevTools");
            }
            Thread.sleep(200);
        }
    }

    /** The value of a JavaScript expression in the page, as JSON. */
    public JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        params.put("expression", expression);
        params.put("returnByValue", true);
        params.put("awaitPromise", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError(expression + " threw " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * Waits until the JavaScript expression is true in the page.
     *
     * @throws AssertionError with {@code failure} and the page's text when {@code timeout} passes
     */
    public void awaitTrue(String expression, Duration timeout, String failure) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!evaluate(expression).asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        failure + "; it shows: " + evaluate("document.body.innerText").asText());
            }
            Thread.sleep(200);
        }
    }

    /** A PNG of the part of the page that the element {@code selector} finds covers. */
    public byte[] screenshot(String selector) throws Exception {
        JsonNode box =
                evaluate(
                        "(() => { const r = document.querySelector("
                                + JSON.writeValueAsString(selector)
                                + ").getBoundingClientRect();"
                                + " return {x: r.x + scrollX, y: r.y + scrollY, width: r.width,"
                                + " height: r.height}; })()");
        ObjectNode params = JSON.createObjectNode();
        params.put("format", "png");
        params.put("captureBeyondViewport", true);
        ObjectNode clip = params.putObject("clip");
        clip.setAll((ObjectNode) box);
        clip.put("scale", 1);
        return Base64.getDecoder()
                .decode(call("Page.captureScreenshot", params).get("data").asText());
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** Hands each reply to the call waiting for it; events are of no interest here. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence part, boolean last) {
            text.append(part);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> reply =
                            message.has("id") ? pending.remove(message.get("id").asInt()) : null;
                    if (reply != null) {
                        reply.complete(message);
                    }
                } catch (IOException e) {
                    pending.values().forEach(reply -> reply.completeExceptionally(e));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        // Chromium's helper processes end with it.
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
