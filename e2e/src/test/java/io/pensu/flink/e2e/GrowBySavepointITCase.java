package io.pensu.flink.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job grows from one TaskManager to two through a savepoint, and back: stopped with a
 * savepoint, a TaskManager added, resubmitted at parallelism 2 with its detector's subtasks on
 * both; stopped again, the TaskManager removed, resubmitted at parallelism 1. The outputs of every
 * sample are exactly an uninterrupted run's.
 */
class GrowBySavepointITCase {

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new LocalStack();
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void growsToTwoTaskManagersAndBackWithTheOutputsOfAnUninterruptedRun() throws Exception {
        assertThat(stack.taskManagers()).hasSize(1);
        ClusterRun run = stack.submitted("grown", Map.of(), 1);
        run.feedChunk(0);

        String savepoint = run.stopWithSavepoint();
        stack.addTaskManager();
        assertThat(stack.taskManagers()).hasSize(2);
        run.submitFromSavepoint(stack.jobJar(), 2, savepoint);
        assertThat(run.detectorParallelism()).isEqualTo(2);
        assertThat(run.detectorTaskManagers()).as("TaskManagers of the detector").isEqualTo(2);
        run.feedChunk(1);

        savepoint = run.stopWithSavepoint();
        stack.removeTaskManager();
        assertThat(stack.taskManagers()).hasSize(1);
        run.submitFromSavepoint(stack.jobJar(), 1, savepoint);
        assertThat(run.detectorParallelism()).isEqualTo(1);
        run.feedChunk(2);
    }
}
