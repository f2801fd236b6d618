package io.pensu.flink.e2e;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.job.E2eInput;
import io.pensu.flink.job.JobTestSupport;
import io.pensu.flink.job.PredictedValues;
import io.pensu.flink.job.config.PensuConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * The golden savepoint of release 0.1.0 restores on the standalone cluster and its models continue
 * exactly as an uninterrupted run's, but for the prediction classifier's values ({@link
 * PredictedValues}). With {@code -Dpensu.e2e.writeGoldenSavepoint=<directory>}, writes a new golden
 * savepoint there instead: only when a release deliberately breaks compatibility.
 */
class GoldenSavepointOnClusterITCase {

    private static final String WRITE = "pensu.e2e.writeGoldenSavepoint";

    /** The engine the golden savepoint's models were created with (0.1.0's default). */
    private static final String GOLDEN_ENGINE = "htm.java";

    private LocalStack stack;

    @BeforeEach
    void start() throws Exception {
        stack = new LocalStack();
    }

    @AfterEach
    void stop() throws Exception {
        stack.close();
    }

    @Test
    @DisabledIfSystemProperty(named = WRITE, matches = ".+")
    void theGoldenSavepointRestoresAndItsModelsContinueExactly() throws Exception {
        Path golden = stack.repository.resolve("job/src/test/resources/golden-savepoint/0.1.0");
        Path savepoint = stack.workDir("golden-savepoint");
        LocalStack.copyTree(golden, savepoint);
        // New models get the job's default engine; the savepoint's keep the one they were
        // created with, which the reference run uses for all.
        ClusterRun run = stack.run("golden", Map.of());
        PensuConfig reference =
                new ClusterRun(stack, "golden", Map.of("PENSU_HTM_ENGINE", GOLDEN_ENGINE)).config;
        List<Detection> secondChunk =
                JobTestSupport.uninterrupted(reference, E2eInput.chunks(0, 2)).stream()
                        .filter(d -> d.timestampMillis() >= E2eInput.chunkStartMillis(1))
                        .toList();
        // The savepoint's source state names its own run's topic; this run reads its own.
        run.produce(E2eInput.lines(1, 2));
        run.submitFromSavepoint(stack.jobJar(), 2, savepoint.toUri().toString());
        run.expectOutputs(
                JobTestSupport.expectedOutputs(run.config, secondChunk), PredictedValues::hidden);
    }

    @Test
    @EnabledIfSystemProperty(named = WRITE, matches = ".+")
    void writeAGoldenSavepoint() throws Exception {
        ClusterRun run = stack.submitted("golden", Map.of("PENSU_HTM_ENGINE", GOLDEN_ENGINE), 2);
        run.feedChunk(0);
        Path savepoint = Paths.get(run.stopWithSavepoint().replaceFirst("^file:", ""));
        Path target = Paths.get(System.getProperty(WRITE)).toAbsolutePath();
        LocalStack.copyTree(savepoint, target);
        System.out.println("golden savepoint written to " + target);
    }
}
