package io.pensu.flink.e2e;

import io.pensu.flink.job.E2eInput;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.api.common.JobStatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded jar submitted to the standalone cluster through RestClusterClient: carbon lines in
 * through a Kafka producer, Graphite lines, JSON reports and dead letters out, exactly those of an
 * uninterrupted run; the web UI draws the job graph with the operators' names.
 */
class SubmittedJobITCase {

    private static LocalStack stack;
    private static ClusterRun run;

    @BeforeAll
    static void submit() throws Exception {
        stack = new LocalStack();
        run = stack.submitted("submitted", Map.of(), 2);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void carbonLinesInGraphiteLinesReportsAndDeadLettersOut() throws Exception {
        assertThat(stack.flink().getJobStatus(run.job).get(10, TimeUnit.SECONDS))
                .isEqualTo(JobStatus.RUNNING);
        List<String> lines = new ArrayList<>(E2eInput.lines(0, E2eInput.CHUNKS));
        // One of each rejection, amid the samples: a sample older than its metric's last, a name
        // without a dot, a value that is no number, a line without a timestamp.
        int at = 50 * E2eInput.METRICS.size();
        lines.addAll(
                at,
                List.of(
                        "e2e.web.cpu 1 " + (E2eInput.START_MILLIS / 1000 + 180),
                        "nodot 1 1700000000",
                        "e2e.web.cpu x 1700000000",
                        "e2e.web.cpu 1"));
        run.produce(lines);

        run.expectOutputsOf(E2eInput.chunks(0, E2eInput.CHUNKS));
        ObjectMapper json = new ObjectMapper();
        List<String> reasons =
                stack
                        .kafka()
                        .drain(
                                run.config.get(Settings.DEAD_LETTER_KAFKA_TOPIC),
                                4,
                                LocalStack.TIMEOUT,
                                ClusterRun.SETTLE)
                        .stream()
                        .map(r -> readReason(json, r.value()))
                        .sorted()
                        .toList();
        assertThat(reasons)
                .containsExactly(
                        "name_without_dot",
                        "out_of_order",
                        "unparsable_value",
                        "wrong_token_count");

        // The REST API's metrics lag by Flink's metric fetch interval.
        LocalStack.await(
                "scripts/job-status.sh shows the job's counters",
                () -> {
                    List<String> status = jobStatusScript();
                    return status.contains("  modelsCreated = " + E2eInput.METRICS.size())
                            && status.contains("  rejected.name_without_dot = 1")
                            && status.contains("  rejected.out_of_order = 1");
                });
        assertThat(jobStatusScript()).first().asString().startsWith("job " + run.job + ": RUNNING");
        assertThat(jobStatusScript()).anyMatch(l -> l.startsWith("checkpoints: "));
    }

    /** The output of {@code scripts/job-status.sh --wait <job>} on this stack's cluster. */
    private static List<String> jobStatusScript() {
        try {
            ProcessBuilder script =
                    new ProcessBuilder(
                                    stack.repository.resolve("scripts/job-status.sh").toString(),
                                    "--wait",
                                    run.job.toString())
                            .redirectError(ProcessBuilder.Redirect.INHERIT);
            script.environment().put("PENSU_LOCAL_DIR", stack.stateDir.toString());
            Process process = script.start();
            List<String> lines = process.inputReader().lines().toList();
            assertThat(process.waitFor()).as("exit status of job-status.sh").isZero();
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String readReason(ObjectMapper json, String letter) {
        try {
            return json.readTree(letter).path("reason").asText();
        } catch (Exception e) {
            throw new AssertionError("a dead letter that is not JSON: " + letter, e);
        }
    }

    @Test
    void theWebUiDrawsTheJobGraphWithTheOperatorNames() throws Exception {
        List<String> vertices =
                stack.rest("/jobs/" + run.job).path("vertices").findValuesAsText("name");
        WebUiPage page =
                WebUiPage.render(
                        stack.restUrl() + "/#/job/running/" + run.job + "/overview",
                        stack.workDir("web-ui"),
                        "document.querySelectorAll('.detail.description').length >= "
                                + vertices.size());
        assertThat(page.distinctColours()).as("colours of the screenshot").isGreaterThan(16);
        assertThat(page.graphNodeLabels()).hasSameSizeAs(vertices);
        for (String operator :
                List.of("HTM anomaly detection and prediction", "Separate dead letters")) {
            assertThat(vertices).anyMatch(v -> v.contains(operator));
            assertThat(page.graphNodeLabels()).anyMatch(l -> l.contains(operator));
        }
    }
}
