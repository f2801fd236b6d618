package io.pensu.flink.graphite;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's carbon-cache (package graphite-carbon) in a directory of its own, as scripts/graphite.sh
 * runs it: plaintext lines on a free port of 127.0.0.1, whisper files under {@link #whisperDir()}.
 */
final class CarbonCache implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final Process process;

    private CarbonCache(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts carbon-cache and waits until it accepts lines.
     *
     * @param retentions carbon's retentions of every series, e.g. {@code 1s:1h}
     */
    static CarbonCache start(Path dir, String retentions) throws Exception {
        Path carbon = DebianCommand.find("carbon-cache", "graphite-carbon");
        int port = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("storage/whisper"));
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(
                conf.resolve("storage-schemas.conf"),
                "[all]\npattern = .*\nretentions = " + retentions + "\n");
        Files.writeString(
                conf.resolve("storage-aggregation.conf"),
                "[all]\npattern = .*\nxFilesFactor = 0\naggregationMethod = average\n");
        // USER empty: run as whoever starts it. Port 0: the listeners nothing here uses.
        Files.writeString(
                conf.resolve("carbon.conf"),
                String.join(
                        "\n",
                        "[cache]",
                        "STORAGE_DIR = " + dir.resolve("storage") + "/",
                        "LOCAL_DATA_DIR = " + dir.resolve("storage/whisper") + "/",
                        "WHITELISTS_DIR = " + dir.resolve("storage/lists") + "/",
                        "CONF_DIR = " + conf + "/",
                        "LOG_DIR = " + dir.resolve("log") + "/",
                        "PID_DIR = " + dir + "/",
                        "USER =",
                        "DATABASE = whisper",
                        "ENABLE_LOGROTATION = False",
                        "MAX_CACHE_SIZE = inf",
                        "MAX_UPDATES_PER_SECOND = 2000",
                        "MAX_CREATES_PER_MINUTE = 6000",
                        "LINE_RECEIVER_INTERFACE = 127.0.0.1",
                        "LINE_RECEIVER_PORT = " + port,
                        "ENABLE_UDP_LISTENER = False",
                        "PICKLE_RECEIVER_INTERFACE = 127.0.0.1",
                        "PICKLE_RECEIVER_PORT = 0",
                        "CACHE_QUERY_INTERFACE = 127.0.0.1",
                        "CACHE_QUERY_PORT = 0",
                        "WHISPER_AUTOFLUSH = False",
                        "WHISPER_SPARSE_CREATE = True",
                        ""));
        Process process =
                new ProcessBuilder(
                                carbon.toString(),
                                "--config=" + conf.resolve("carbon.conf"),
                                "--nodaemon",
                                "--pidfile=" + dir.resolve("carbon-cache.pid"),
                                "--logdir=" + dir.resolve("log"),
                                "start")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("log/stdout.log").toFile())
                        .start();
        CarbonCache started = new CarbonCache(dir, port, process);
        started.awaitListening();
        return started;
    }

    Path whisperDir() {
        return dir.resolve("storage/whisper");
    }

    /** Sends carbon lines ({@code name value epochSeconds}) on a connection of their own. */
    void send(List<String> lines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port);
                Writer out =
                        new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line + "\n");
            }
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new AssertionError(
                            "carbon-cache did not listen on "
                                    + port
                                    + ":\n"
                                    + Files.readString(dir.resolve("log/stdout.log")));
                }
                Thread.sleep(200);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
