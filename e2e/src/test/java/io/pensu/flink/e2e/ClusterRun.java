package io.pensu.flink.e2e;

import io.pensu.flink.input.Sample;
import io.pensu.flink.job.E2eInput;
import io.pensu.flink.job.JobTestSupport;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.FlinkPipelineTranslationUtil;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One run of the shaded job jar on the local stack: its own topics, the job arguments of the
 * end-to-end input (E2eInput), submission and savepoints through Flink's RestClusterClient, and the
 * expected outputs computed as the job's integration tests compute them.
 */
final class ClusterRun {

    /** How long to keep reading after the expected records arrived, to catch duplicates. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private final LocalStack stack;
    private final Map<String, String> settings;
    final String name;
    final PensuConfig config;
    JobID job;

    /**
     * @param overrides job settings besides the end-to-end input's; an empty value unsets one
     */
    ClusterRun(LocalStack stack, String name, Map<String, String> overrides) {
        this.stack = stack;
        this.name = name;
        settings = new TreeMap<>(E2eInput.environment(stack.bootstrapServers(), name));
        settings.putAll(overrides);
        settings.values().removeIf(String::isEmpty);
        config = PensuConfig.load(settings, new String[0]);
    }

    ClusterRun(LocalStack stack, String name) {
        this(stack, name, Map.of());
    }

    /** The input topic and every output topic, two partitions each. */
    void createTopics() throws Exception {
        stack.kafka().createTopics(2, config.get(Settings.METRICS_KAFKA_TOPIC));
        stack.kafka().createTopics(2, JobTestSupport.outputTopics(config).toArray(String[]::new));
    }

    /** The job's settings as program arguments, as a user passes them to flink run. */
    private String[] arguments() {
        List<String> args = new ArrayList<>();
        settings.forEach(
                (key, value) -> {
                    args.add("--" + key);
                    args.add(value);
                });
        return args.toArray(String[]::new);
    }

    void submit(int parallelism) throws Exception {
        submit(stack.jobJar(), parallelism, null);
    }

    void submitFromSavepoint(Path jar, int parallelism, String savepoint) throws Exception {
        submit(jar, parallelism, savepoint);
    }

    /**
     * Submits the jar, from a savepoint unless {@code savepoint} is null, and waits until every
     * task of the job runs. The savepoint goes into the program's configuration, as {@code flink
     * run -s} puts it, so that the job's own recovery settings (it skips state of operators it no
     * longer has) apply.
     */
    private void submit(Path jar, int parallelism, String savepoint) throws Exception {
        // The test's classpath has the job's classes too (for the expected outputs): building the
        // graph with them, parent first, keeps Kafka's classes from two loaders apart. The
        // cluster runs the submitted jar.
        Configuration client = new Configuration();
        client.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
        if (savepoint != null) {
            client.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        PackagedProgram program =
                PackagedProgram.newBuilder()
                        .setConfiguration(client)
                        .setJarFile(jar.toFile())
                        .setArguments(arguments())
                        .build();
        Pipeline pipeline =
                PackagedProgramUtils.getPipelineFromProgram(program, client, parallelism, false);
        JobGraph graph =
                FlinkPipelineTranslationUtil.getJobGraphUnderUserClassLoader(
                        program.getUserCodeClassLoader(), pipeline, client, parallelism);
        graph.addJars(program.getJobJarAndDependencies());
        graph.setClasspaths(program.getClasspaths());
        job = stack.flink().submitJob(graph).get(60, TimeUnit.SECONDS);
        LocalStack.await(name + " runs every task", this::allTasksRunning);
    }

    private boolean allTasksRunning() {
        try {
            JobDetailsInfo details = stack.flink().getJobDetails(job).get(10, TimeUnit.SECONDS);
            return details.getJobStatus() == JobStatus.RUNNING
                    && details.getJobVertexInfos().stream()
                            .allMatch(v -> v.getExecutionState() == ExecutionState.RUNNING);
        } catch (Exception e) {
            return false;
        }
    }

    /** Stops the job with a savepoint in the cluster's savepoint directory; returns its path. */
    String stopWithSavepoint() throws Exception {
        return stack.flink()
                .stopWithSavepoint(job, false, null, SavepointFormatType.CANONICAL)
                .get(120, TimeUnit.SECONDS);
    }

    /** Stops the job with a savepoint and submits {@code jar} from it at {@code parallelism}. */
    void resubmitThroughSavepoint(Path jar, int parallelism) throws Exception {
        submitFromSavepoint(jar, parallelism, stopWithSavepoint());
    }

    void cancel() throws Exception {
        stack.flink().cancel(job).get(60, TimeUnit.SECONDS);
    }

    /** Cancels the job unless it has ended. */
    void cancelIfRunning() throws Exception {
        if (job != null && !stack.flink().getJobStatus(job).get().isGloballyTerminalState()) {
            cancel();
        }
    }

    /**
     * Produces input chunk {@code chunk} and checks the outputs of every sample up to its end: the
     * job continued exactly where it was.
     */
    void feedChunk(int chunk) throws Exception {
        produce(E2eInput.lines(chunk, chunk + 1));
        expectOutputsOf(E2eInput.chunks(0, chunk + 1));
    }

    /** Writes carbon lines keyed by metric, as a carbon relay that keys its records would. */
    void produce(List<String> lines) {
        stack.kafka().produceKeyedByMetric(config.get(Settings.METRICS_KAFKA_TOPIC), lines);
    }

    /**
     * Writes the lines a few at a time with pauses, so that a failure injected meanwhile hits a job
     * that is processing.
     */
    void produceSlowly(List<String> lines) {
        int step = 3 * E2eInput.METRICS.size();
        for (int from = 0; from < lines.size(); from += step) {
            produce(lines.subList(from, Math.min(lines.size(), from + step)));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Checks that the Graphite and report topics hold exactly what an uninterrupted run of the
     * detector gives for {@code samples}: per metric, in order, nothing lost, nothing twice.
     */
    void expectOutputsOf(List<Sample> samples) throws Exception {
        expectOutputs(
                JobTestSupport.expectedOutputs(
                        config, JobTestSupport.uninterrupted(config, samples)));
    }

    /** Checks that each topic of {@code expected} holds exactly its records, by key, in order. */
    void expectOutputs(Map<String, Map<String, List<String>>> expected) {
        stack.kafka().expectOutputs(expected, LocalStack.TIMEOUT, SETTLE);
    }

    /** As {@link #expectOutputs(Map)}, comparing record values as {@code seen} shows them. */
    void expectOutputs(
            Map<String, Map<String, List<String>>> expected, UnaryOperator<String> seen) {
        stack.kafka().expectOutputs(expected, seen, LocalStack.TIMEOUT, SETTLE);
    }

    /** The parallelism of the detector's vertex. */
    int detectorParallelism() throws Exception {
        return detector().path("parallelism").asInt();
    }

    /** How many TaskManagers the detector's subtasks run on. */
    long detectorTaskManagers() throws Exception {
        JsonNode managers =
                stack.rest(
                        "/jobs/"
                                + job
                                + "/vertices/"
                                + detector().path("id").asText()
                                + "/taskmanagers");
        return managers.path("taskmanagers").size();
    }

    private JsonNode detector() throws Exception {
        for (JsonNode vertex : stack.rest("/jobs/" + job).path("vertices")) {
            if (vertex.path("name").asText().startsWith("HTM")) {
                return vertex;
            }
        }
        throw new AssertionError(name + " has no detector vertex");
    }

    /** The job's checkpoint counts, e.g. "completed" or "restored". */
    int checkpoints(String count) throws Exception {
        return stack.rest("/jobs/" + job + "/checkpoints").path("counts").path(count).asInt();
    }
}
