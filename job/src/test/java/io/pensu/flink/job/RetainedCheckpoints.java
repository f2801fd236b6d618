package io.pensu.flink.job;

import io.pensu.flink.job.config.PensuConfig;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs of the production job on RocksDB with incremental checkpoints kept in one directory after
 * cancellation, so that a later run can restore the latest of them.
 */
final class RetainedCheckpoints {

    private final Path directory;

    RetainedCheckpoints(Path directory) {
        this.directory = directory;
    }

    /** Starts the job, restored from {@code restoreFrom} unless it is null. */
    JobClient start(PensuConfig config, int parallelism, String restoreFrom) throws Exception {
        Configuration flink = new Configuration();
        flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory.toUri().toString());
        flink.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restoreFrom != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(parallelism);
        PensuJob.defineJob(env, config);
        return env.executeAsync("pensu-restore-it");
    }

    String latest() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(
                            Comparator.comparingLong(
                                    p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint"))
                    .toUri()
                    .toString();
        }
    }
}
