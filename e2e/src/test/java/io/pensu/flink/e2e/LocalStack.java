package io.pensu.flink.e2e;

import io.pensu.flink.job.KafkaTopics;

import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The local stack that scripts/e2e-stack.sh starts: a Kafka broker and a standalone Flink session
 * cluster on ports derived from E2E_PORT_BASE (default 20000), state under .local/e2e-&lt;port
 * base&gt;/. Failures are injected through the stack's own start and stop commands and by killing
 * its processes.
 */
final class LocalStack implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(150);

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path repository;
    final Path stateDir;
    final int portBase;
    private final HttpClient http = HttpClient.newHttpClient();
    private final RestClusterClient<StandaloneClusterId> flink;
    private final List<ClusterRun> runs = new ArrayList<>();
    private int addedTaskManagers;

    LocalStack() throws Exception {
        repository =
                Paths.get(System.getProperty("pensu.repository.dir", ".."))
                        .toAbsolutePath()
                        .normalize();
        String base = System.getenv("E2E_PORT_BASE");
        portBase = base == null || base.isEmpty() ? 20_000 : Integer.parseInt(base);
        stateDir = repository.resolve(".local/e2e-" + portBase);
        Configuration client = new Configuration();
        client.set(RestOptions.ADDRESS, "127.0.0.1");
        client.set(RestOptions.PORT, portBase + 8081);
        flink = new RestClusterClient<>(client, StandaloneClusterId.getInstance());
    }

    String bootstrapServers() {
        return "127.0.0.1:" + (portBase + 9092);
    }

    String restUrl() {
        return "http://127.0.0.1:" + (portBase + 8081);
    }

    KafkaTopics kafka() {
        return new KafkaTopics(bootstrapServers(), Map.of());
    }

    RestClusterClient<StandaloneClusterId> flink() {
        return flink;
    }

    /** A run with its topics, not submitted yet; cancelled when the stack closes. */
    ClusterRun run(String name, Map<String, String> overrides) throws Exception {
        ClusterRun run = new ClusterRun(this, name, overrides);
        runs.add(run);
        run.createTopics();
        return run;
    }

    /** A run with its topics, submitted at {@code parallelism}. */
    ClusterRun submitted(String name, Map<String, String> overrides, int parallelism)
            throws Exception {
        ClusterRun run = run(name, overrides);
        run.submit(parallelism);
        return run;
    }

    /** A directory for one test's files, kept with the stack's logs. */
    Path workDir(String name) throws IOException {
        return Files.createDirectories(stateDir.resolve("e2e").resolve(name));
    }

    /** The shaded job jar that the build made. */
    Path jobJar() throws IOException {
        String jar = System.getProperty("pensu.job.jar");
        if (jar != null) {
            return Paths.get(jar);
        }
        try (var jars = Files.list(repository.resolve("job/target"))) {
            return jars.filter(
                            p ->
                                    p.getFileName()
                                            .toString()
                                            .matches("pensu-flink-job-[^-]+.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no job jar in job/target: build it"));
        }
    }

    /** GET of the Flink REST API, as JSON. */
    JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The ids of the TaskManagers registered with the JobManager. */
    List<String> taskManagers() throws IOException, InterruptedException {
        return rest("/taskmanagers").path("taskmanagers").findValuesAsText("id");
    }

    /** Kills the TaskManager that the stack started with SIGKILL, as a crash would. */
    void killTaskManager() throws Exception {
        long pid =
                Long.parseLong(
                        Files.readString(stateDir.resolve("flink/taskmanager-1.pid")).trim());
        Optional<ProcessHandle> taskManager = ProcessHandle.of(pid);
        if (taskManager.isPresent()) {
            // Gone before the caller starts its successor, which would otherwise find it running.
            taskManager.get().destroyForcibly();
            taskManager.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** Starts the stack's TaskManager again, once it is gone. */
    void startTaskManager() throws Exception {
        stackCommand("start-taskmanager");
    }

    /** Stops the broker and starts it again, with its data. */
    void restartKafka() throws Exception {
        stackCommand("restart-kafka");
    }

    /** Starts one more TaskManager; returns once it has registered. */
    void addTaskManager() throws Exception {
        stackCommand("add-taskmanager");
        addedTaskManagers++;
    }

    /**
     * Stops the TaskManager added last and waits until the JobManager no longer counts it, so that
     * the next submission sees the smaller cluster.
     */
    void removeTaskManager() throws Exception {
        int before = taskManagers().size();
        stackCommand("remove-taskmanager");
        addedTaskManagers--;
        await("the JobManager forgets the stopped TaskManager", () -> registered() < before);
    }

    private int registered() {
        try {
            return taskManagers().size();
        } catch (IOException e) {
            return Integer.MAX_VALUE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Integer.MAX_VALUE;
        }
    }

    /** Starts carbon and the forwarder of these topics into a fresh store. */
    void startGraphite(List<String> topics) throws Exception {
        stackCommand("start-graphite", String.join(",", topics));
    }

    /** Stops the forwarder with SIGTERM, on which it logs its counts. */
    void stopForwarder() throws Exception {
        stackCommand("stop-forwarder");
    }

    private void stackCommand(String command, String... args) throws Exception {
        List<String> line = new ArrayList<>();
        line.add(repository.resolve("scripts/e2e-stack.sh").toString());
        line.add(command);
        line.addAll(List.of(args));
        Process process =
                new ProcessBuilder(line)
                        .redirectErrorStream(true)
                        .redirectOutput(workDir("stack").resolve(command + ".log").toFile())
                        .start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(
                    "scripts/e2e-stack.sh " + command + " failed; see " + workDir("stack"));
        }
    }

    /** Copies a directory with everything in it. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Waits until {@code condition} holds; fails after {@link #TIMEOUT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT + ": " + what);
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() throws Exception {
        for (ClusterRun run : runs) {
            run.cancelIfRunning();
        }
        while (addedTaskManagers > 0) {
            removeTaskManager();
        }
        flink.close();
    }
}
