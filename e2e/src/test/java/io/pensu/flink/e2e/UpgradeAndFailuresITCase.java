package io.pensu.flink.e2e;

import io.pensu.flink.job.E2eInput;

import org.apache.flink.api.common.JobStatus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One job through what operations do to it, a chunk of input each: stopped with a savepoint and
 * resubmitted at parallelism 2, upgraded to a rebuilt jar, its TaskManager killed mid-stream, the
 * broker restarted mid-stream. After each, the outputs of every sample so far are exactly an
 * uninterrupted run's: models continued, nothing lost, nothing twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeAndFailuresITCase {

    private static LocalStack stack;
    private static ClusterRun run;
    private static RebuiltJar rebuilt;

    @BeforeAll
    static void submitAtParallelismOne() throws Exception {
        stack = new LocalStack();
        rebuilt = RebuiltJar.start(stack.repository, stack.workDir("upgrade"));
        run = stack.submitted("upgraded", Map.of(), 1);
        run.feedChunk(0);
    }

    @AfterAll
    static void stop() throws Exception {
        rebuilt.stop();
        stack.close();
    }

    @Test
    @Order(1)
    void stopWithSavepointAndResubmitAtParallelismTwo() throws Exception {
        run.resubmitThroughSavepoint(stack.jobJar(), 2);
        assertThat(run.detectorParallelism()).isEqualTo(2);
        run.feedChunk(1);
    }

    @Test
    @Order(2)
    void upgradeToARebuiltJarFromASavepoint() throws Exception {
        Path jar = rebuilt.jar();
        assertThat(sha256(jar)).isNotEqualTo(sha256(stack.jobJar()));
        run.resubmitThroughSavepoint(jar, 2);
        assertThat(jobBlobs(sha1(jar))).as("the job runs the rebuilt jar").isNotEmpty();
        run.feedChunk(2);
    }

    @Test
    @Order(3)
    void taskManagerKilledMidStreamRecoversExactlyOnce() throws Exception {
        int restoredBefore = run.checkpoints("restored");
        CompletableFuture<Void> producing =
                CompletableFuture.runAsync(() -> run.produceSlowly(E2eInput.lines(3, 4)));
        Thread.sleep(1_000);
        stack.killTaskManager();
        stack.startTaskManager();
        producing.get(LocalStack.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        run.expectOutputsOf(E2eInput.chunks(0, 4));
        assertThat(run.checkpoints("restored")).isGreaterThan(restoredBefore);
    }

    @Test
    @Order(4)
    void brokerRestartedMidStreamTheJobRecoversOnItsOwn() throws Exception {
        List<String> lines = E2eInput.lines(4, 5);
        // The job has the first half to process, and a transaction open, when the broker stops.
        run.produce(lines.subList(0, lines.size() / 2));
        stack.restartKafka();
        run.produce(lines.subList(lines.size() / 2, lines.size()));
        run.expectOutputsOf(E2eInput.chunks(0, 5));
        LocalStack.await(
                "the job runs again",
                () -> stack.flink().getJobStatus(run.job).join() == JobStatus.RUNNING);
    }

    /** The JobManager keeps a job's jar in its blob store under the jar's SHA-1. */
    private static List<Path> jobBlobs(String sha1) throws Exception {
        try (Stream<Path> files = Files.walk(stack.stateDir.resolve("flink/tmp"))) {
            return files.filter(p -> p.toString().contains("/job_" + run.job + "/"))
                    .filter(p -> p.getFileName().toString().startsWith("blob_p-" + sha1 + "-"))
                    .toList();
        }
    }

    private static String sha1(Path file) throws Exception {
        return digest("SHA-1", file);
    }

    private static String sha256(Path file) throws Exception {
        return digest("SHA-256", file);
    }

    private static String digest(String algorithm, Path file) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    }
}
