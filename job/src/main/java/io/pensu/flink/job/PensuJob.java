package io.pensu.flink.job;

import io.pensu.flink.job.config.ConfigException;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.kafka.KafkaConnectors;
import io.pensu.flink.output.KeyedText;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

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
        } catch (ConfigException e) {
            LOG.error("Pensu cannot start, the configuration is invalid: {}", e.getMessage());
            throw e;
        }
        LOG.info("Pensu starting with {}", config.describe());
        defineJob(env, config);
        env.execute("Pensu HTM anomaly detection on " + config.metricsTopic());
    }

    /** The production job on {@code env}: job-wide settings, Kafka in, Kafka out. */
    public static void defineJob(StreamExecutionEnvironment env, PensuConfig config) {
        configure(env, config);
        DetectionTopology.build(
                env,
                config,
                KafkaConnectors.metricsSource(
                        config.consumerBootstrapServers(),
                        config.metricsTopic(),
                        config.consumerGroup(),
                        config.consumerClientId(),
                        config.consumerSessionTimeoutMs(),
                        config.maxLineBytes()),
                kafkaSinks(config));
    }

    /** Job-wide settings: no Kryo anywhere, and checkpoints, which exactly-once output needs. */
    static void configure(StreamExecutionEnvironment env, PensuConfig config) {
        Configuration pipeline = new Configuration();
        pipeline.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(pipeline);
        Duration interval =
                config.checkpointInterval()
                        .orElse(
                                env.getCheckpointConfig().isCheckpointingEnabled()
                                        ? null
                                        : DEFAULT_CHECKPOINT_INTERVAL);
        if (interval != null) {
            env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
    }

    static OutputSinks kafkaSinks(PensuConfig config) {
        return new OutputSinks(
                sink(config, config.anomalyMetricsTopic(), "anomalies"),
                sink(config, config.predictionMetricsTopic(), "predictions"),
                sink(config, config.reportedAnomaliesTopic(), "reports"),
                sink(config, config.deadLetterTopic(), "dead-letters"),
                sink(config, config.heartbeatTopic(), "heartbeats"));
    }

    private static Sink<KeyedText> sink(PensuConfig config, String topic, String role) {
        return KafkaConnectors.sink(
                config.producerBootstrapServers(),
                topic,
                config.deliveryGuarantee(),
                config.transactionalIdPrefix() + "-" + role,
                config.producerClientId() + "-" + role);
    }
}
