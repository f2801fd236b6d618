package io.pensu.flink.job;

import io.pensu.flink.job.config.ConfigException;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;
import io.pensu.flink.job.config.TransactionTimeouts;
import io.pensu.flink.job.kafka.KafkaConnectors;
import io.pensu.flink.job.state.CheckpointCompaction;
import io.pensu.flink.output.KeyedText;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The job as submitted to a Flink cluster: configuration from PENSU_* environment variables,
 * overridden by {@code --PENSU_X value} program arguments; Kafka in and out.
 */
public final class PensuJob {

    private static final Logger LOG = LoggerFactory.getLogger(PensuJob.class);

    /** Used when neither the cluster nor PENSU_CHECKPOINT_INTERVAL enables checkpointing. */
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private PensuJob() {}

    public static void main(String[] args) throws Exception {
        run(StreamExecutionEnvironment.getExecutionEnvironment(), args);
    }

    /** Loads the configuration, builds the Kafka-to-Kafka job on {@code env} and runs it. */
    static void run(StreamExecutionEnvironment env, String[] args) throws Exception {
        PensuConfig config;
        try {
            config = PensuConfig.load(System.getenv(), args);
            LOG.info("Pensu starting with {}", config.describe());
            defineJob(env, config);
        } catch (ConfigException e) {
            LOG.error("Pensu cannot start, the configuration is invalid: {}", e.getMessage());
            throw e;
        }
        env.execute("Pensu HTM anomaly detection on " + config.get(Settings.METRICS_KAFKA_TOPIC));
    }

    /**
     * The production job on {@code env}: job-wide settings, Kafka in, Kafka out.
     *
     * @throws ConfigException when the Flink configuration's checkpointing does not suit the job
     */
    public static void defineJob(StreamExecutionEnvironment env, PensuConfig config) {
        configure(env, config);
        DetectionTopology.build(
                env,
                config,
                KafkaConnectors.metricsSource(
                        config.get(Settings.KAFKA_CONSUMER_SERVER),
                        config.get(Settings.METRICS_KAFKA_TOPIC),
                        config.get(Settings.KAFKA_CONSUMER_GROUP),
                        config.get(Settings.KAFKA_CONSUMER_CLIENT_ID),
                        config.consumerProperties(),
                        DetectionTopology.inputLimits(config)),
                kafkaSinks(config));
    }

    /**
     * Job-wide settings: no Kryo anywhere; RocksDB compaction suited to incremental checkpoints,
     * unless the cluster names its own options factory; checkpoints, which exactly-once output
     * needs, at a pace its Kafka transactions outlive; and savepoints of older releases restore
     * without a flag.
     *
     * <p>A savepoint may hold state of an operator that a later release no longer has: 0.1.0's
     * parallelism-1 model quota (uid "model-quota", state "admitted-metrics"), since folded into
     * the detector. Flink refuses such a savepoint unless told to skip that state, and users would
     * meet the refusal at their first upgrade, however they submit the job; so the job always skips
     * unclaimed state. The golden-savepoint test keeps every operator that does hold state
     * restoring, which is what the refusal would otherwise guard.
     */
    static void configure(StreamExecutionEnvironment env, PensuConfig config) {
        Configuration pipeline = new Configuration();
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        pipeline.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        if (env.getConfiguration().getOptional(RocksDBOptions.OPTIONS_FACTORY).isEmpty()) {
            pipeline.set(RocksDBOptions.OPTIONS_FACTORY, CheckpointCompaction.class.getName());
            pipeline.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        }
        env.configure(pipeline);
        Duration interval =
                config.getOptional(Settings.CHECKPOINT_INTERVAL)
                        .orElse(
                                env.getCheckpointConfig().isCheckpointingEnabled()
                                        ? null
                                        : DEFAULT_CHECKPOINT_INTERVAL);
        if (interval != null) {
            env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        if (config.get(Settings.DELIVERY_GUARANTEE) == DeliveryGuarantee.EXACTLY_ONCE) {
            fitCheckpointsToTransactions(env.getCheckpointConfig(), config);
        }
    }

    /**
     * Caps the checkpoint timeout, and refuses a checkpoint pace inherited from the Flink
     * configuration that the transactions cannot outlive (PensuConfig checks the job's own).
     */
    private static void fitCheckpointsToTransactions(
            CheckpointConfig checkpoints, PensuConfig config) {
        checkpoints.setCheckpointTimeout(
                TransactionTimeouts.checkpointTimeout(
                                Duration.ofMillis(checkpoints.getCheckpointTimeout()))
                        .toMillis());
        Duration interval = Duration.ofMillis(checkpoints.getCheckpointInterval());
        Duration minPause = Duration.ofMillis(checkpoints.getMinPauseBetweenCheckpoints());
        int tolerableFailures = checkpoints.getTolerableCheckpointFailureNumber();
        if (TransactionTimeouts.covers(interval, minPause, tolerableFailures)) {
            return;
        }
        Duration longest = TransactionTimeouts.longestCycle(tolerableFailures);
        String intervalSource =
                config.getOptional(Settings.CHECKPOINT_INTERVAL).isPresent()
                        ? "PENSU_CHECKPOINT_INTERVAL"
                        : CheckpointingOptions.CHECKPOINTING_INTERVAL.key()
                                + " of the Flink configuration";
        long longestInterval = longest.minus(minPause).toSeconds();
        String fix =
                longestInterval >= 1
                        ? "Set PENSU_CHECKPOINT_INTERVAL to " + longestInterval + " s or less"
                        : "Lower "
                                + CheckpointingOptions.TOLERABLE_FAILURE_NUMBER.key()
                                + " and "
                                + CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS.key();
        throw new ConfigException(
                List.of(
                        "The checkpoint interval ("
                                + interval.toSeconds()
                                + " s, "
                                + intervalSource
                                + ") plus the minimum pause between checkpoints ("
                                + minPause.toSeconds()
                                + " s, "
                                + CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS.key()
                                + ") must be at most "
                                + Math.max(0, longest.toSeconds())
                                + " s under exactly-once output with "
                                + tolerableFailures
                                + " tolerated checkpoint failures ("
                                + CheckpointingOptions.TOLERABLE_FAILURE_NUMBER.key()
                                + "): "
                                + TransactionTimeouts.rule()
                                + ", once more for each tolerated failure. "
                                + fix
                                + ", or set PENSU_DELIVERY_GUARANTEE=at-least-once"));
    }

    static OutputSinks kafkaSinks(PensuConfig config) {
        return new OutputSinks(
                sink(config, config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC), "anomalies"),
                sink(config, config.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC), "predictions"),
                sink(config, config.get(Settings.REPORTED_ANOMALIES_KAFKA_TOPIC), "reports"),
                sink(config, config.get(Settings.DEAD_LETTER_KAFKA_TOPIC), "dead-letters"),
                sink(config, config.get(Settings.TOPICS_KAFKA_TOPIC), "heartbeats"));
    }

    private static Sink<KeyedText> sink(PensuConfig config, String topic, String role) {
        return KafkaConnectors.sink(
                config.get(Settings.KAFKA_PRODUCER_SERVER),
                topic,
                config.get(Settings.DELIVERY_GUARANTEE),
                config.get(Settings.TRANSACTIONAL_ID_PREFIX) + "-" + role,
                config.get(Settings.KAFKA_PRODUCER_CLIENT_ID) + "-" + role,
                config.producerProperties());
    }
}
