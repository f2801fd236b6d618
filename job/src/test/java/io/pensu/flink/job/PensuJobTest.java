package io.pensu.flink.job;

import io.pensu.flink.job.config.ConfigException;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.state.CheckpointCompaction;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job-wide settings PensuJob makes on the environment the cluster configured. */
class PensuJobTest {

    private static StreamExecutionEnvironment cluster(Duration interval, Duration minPause) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        flink.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, minPause);
        return StreamExecutionEnvironment.getExecutionEnvironment(flink);
    }

    private static PensuConfig config(Map<String, String> environment) {
        return PensuConfig.load(environment, new String[0]);
    }

    @Test
    void clustersCheckpointIntervalThatTransactionsCannotOutliveIsRefused() {
        StreamExecutionEnvironment env = cluster(Duration.ofMinutes(10), Duration.ofSeconds(5));

        assertThatThrownBy(() -> PensuJob.configure(env, config(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "Invalid configuration: The checkpoint interval (600 s,"
                                + " execution.checkpointing.interval of the Flink configuration)"
                                + " plus the minimum pause between checkpoints (5 s,"
                                + " execution.checkpointing.min-pause) must be at most 240 s under"
                                + " exactly-once output with 0 tolerated checkpoint failures")
                .hasMessageEndingWith(
                        "Set PENSU_CHECKPOINT_INTERVAL to 235 s or less, or set"
                                + " PENSU_DELIVERY_GUARANTEE=at-least-once");
    }

    @Test
    void eachToleratedCheckpointFailureShortensTheIntervalTransactionsCover() {
        StreamExecutionEnvironment oneTolerated = cluster(Duration.ofSeconds(30), Duration.ZERO);
        oneTolerated.getCheckpointConfig().setTolerableCheckpointFailureNumber(1);
        PensuJob.configure(oneTolerated, config(Map.of()));

        StreamExecutionEnvironment twoTolerated = cluster(Duration.ofSeconds(1), Duration.ZERO);
        twoTolerated.getCheckpointConfig().setTolerableCheckpointFailureNumber(2);
        assertThatThrownBy(() -> PensuJob.configure(twoTolerated, config(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be at most 0 s under exactly-once output with 2")
                .hasMessageContaining(
                        "Lower execution.checkpointing.tolerable-failed-checkpoints and"
                                + " execution.checkpointing.min-pause");
    }

    @Test
    void minimumPauseCountsAgainstTheJobsOwnInterval() {
        StreamExecutionEnvironment env = cluster(Duration.ofSeconds(10), Duration.ofSeconds(5));

        assertThatThrownBy(
                        () ->
                                PensuJob.configure(
                                        env, config(Map.of("PENSU_CHECKPOINT_INTERVAL", "240"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("(240 s, PENSU_CHECKPOINT_INTERVAL)");
    }

    @Test
    void exactlyOnceCapsTheCheckpointTimeoutAndKeepsAShorterOne() {
        StreamExecutionEnvironment env = cluster(Duration.ofSeconds(10), Duration.ofSeconds(5));
        PensuJob.configure(env, config(Map.of()));
        assertThat(env.getCheckpointConfig().getCheckpointTimeout())
                .isEqualTo(Duration.ofMinutes(3).toMillis());

        Configuration shortTimeout = new Configuration();
        shortTimeout.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(1));
        StreamExecutionEnvironment quick =
                StreamExecutionEnvironment.getExecutionEnvironment(shortTimeout);
        PensuJob.configure(quick, config(Map.of()));
        assertThat(quick.getCheckpointConfig().getCheckpointTimeout())
                .isEqualTo(Duration.ofMinutes(1).toMillis());
    }

    @Test
    void atLeastOnceLeavesCheckpointsAsTheClusterConfiguredThem() {
        StreamExecutionEnvironment env = cluster(Duration.ofHours(1), Duration.ofSeconds(5));

        PensuJob.configure(env, config(Map.of("PENSU_DELIVERY_GUARANTEE", "at-least-once")));

        assertThat(env.getCheckpointConfig().getCheckpointInterval())
                .isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(env.getCheckpointConfig().getCheckpointTimeout())
                .isEqualTo(Duration.ofMinutes(10).toMillis());
    }

    @Test
    void rocksDbCompactsForIncrementalCheckpointsUnlessTheClusterNamesItsOwnOptions() {
        StreamExecutionEnvironment env = cluster(Duration.ofSeconds(10), Duration.ofSeconds(5));
        PensuJob.configure(env, config(Map.of()));
        assertThat(env.getConfiguration().get(RocksDBOptions.OPTIONS_FACTORY))
                .isEqualTo(CheckpointCompaction.class.getName());
        assertThat(env.getConfiguration().get(RocksDBConfigurableOptions.USE_BLOOM_FILTER))
                .isTrue();

        Configuration own = new Configuration();
        own.set(RocksDBOptions.OPTIONS_FACTORY, "com.example.TunedOptions");
        StreamExecutionEnvironment tuned = StreamExecutionEnvironment.getExecutionEnvironment(own);
        PensuJob.configure(tuned, config(Map.of()));
        assertThat(tuned.getConfiguration().get(RocksDBOptions.OPTIONS_FACTORY))
                .isEqualTo("com.example.TunedOptions");
        assertThat(tuned.getConfiguration().get(RocksDBConfigurableOptions.USE_BLOOM_FILTER))
                .isFalse();
    }

    @Test
    void heartbeatIntervalZeroTurnsTheHeartbeatOff() {
        assertThat(operatorNames(Map.of())).contains("Source: Heartbeat");
        assertThat(operatorNames(Map.of("PENSU_TOPICS_REPORT_INTERVAL", "0")))
                .contains("Source: Metrics source")
                .noneMatch(name -> name.contains("Heartbeat"));
    }

    private static List<String> operatorNames(Map<String, String> environment) {
        StreamExecutionEnvironment env = cluster(Duration.ofMinutes(1), Duration.ZERO);
        PensuJob.defineJob(env, config(environment));
        return env.getStreamGraph().getStreamNodes().stream()
                .map(StreamNode::getOperatorName)
                .toList();
    }
}
