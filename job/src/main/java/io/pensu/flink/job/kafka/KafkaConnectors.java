package io.pensu.flink.job.kafka;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.InputLimits;
import io.pensu.flink.input.Sample;
import io.pensu.flink.job.config.TransactionTimeouts;
import io.pensu.flink.output.KeyedText;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.types.Either;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** Builds the job's Kafka source and sinks. */
public final class KafkaConnectors {

    /** How soon the source sees an input topic created, or partitions added, after it started. */
    static final Duration PARTITION_DISCOVERY_INTERVAL = Duration.ofSeconds(10);

    static final String EXACTLY_ONCE_LINGER_MS = "100";
    static final String EXACTLY_ONCE_BATCH_BYTES = Integer.toString(256 * 1024);

    private KafkaConnectors() {}

    /**
     * Reads the metrics topic in the consumer group, from the committed offsets (earliest where the
     * group has none), committing offsets with each checkpoint; waits for the topic if it does not
     * exist yet.
     *
     * @param clientProperties further consumer settings (TLS, SASL, ...), none the job sets itself
     */
    public static KafkaSource<Either<DeadLetter, Sample>> metricsSource(
            String bootstrapServers,
            String topic,
            String groupId,
            String clientIdPrefix,
            Map<String, String> clientProperties,
            InputLimits inputLimits) {
        return KafkaSource.<Either<DeadLetter, Sample>>builder()
                .setProperties(properties(clientProperties))
                .setBootstrapServers(bootstrapServers)
                .setKafkaSubscriber(new AwaitedTopic(topic, bootstrapServers))
                .setGroupId(groupId)
                .setClientIdPrefix(clientIdPrefix)
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new CarbonLinesDeserializer(inputLimits))
                // Records of aborted transactions are not input.
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setProperty(
                        KafkaSourceOptions.PARTITION_DISCOVERY_INTERVAL_MS.key(),
                        Long.toString(PARTITION_DISCOVERY_INTERVAL.toMillis()))
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /**
     * Writes to one topic. Exactly-once uses Kafka transactions committed with each checkpoint:
     * consumers must read with isolation.level=read_committed to see each output once.
     *
     * @param clientProperties further producer settings (TLS, SASL, ...), none the job sets itself
     */
    public static KafkaSink<KeyedText> sink(
            String bootstrapServers,
            String topic,
            DeliveryGuarantee guarantee,
            String transactionalIdPrefix,
            String clientId,
            Map<String, String> clientProperties) {
        return KafkaSink.<KeyedText>builder()
                .setKafkaProducerConfig(producerProperties(guarantee, clientProperties))
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new KeyedTextSerializer(topic))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(ProducerConfig.CLIENT_ID_CONFIG, clientId)
                .setProperty(
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(TransactionTimeouts.TRANSACTION_TIMEOUT.toMillis()))
                .build();
    }

    /** The user's producer settings, with fuller batches by default under exactly-once. */
    static Properties producerProperties(
            DeliveryGuarantee guarantee, Map<String, String> clientProperties) {
        Properties producer = properties(clientProperties);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            // Nothing a transaction writes is visible before the checkpoint commits it, so waiting
            // for fuller batches costs no latency, and it spares the producer's network thread and
            // the broker most of their requests per sample.
            producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, EXACTLY_ONCE_LINGER_MS);
            producer.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, EXACTLY_ONCE_BATCH_BYTES);
        }
        return producer;
    }

    private static Properties properties(Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }
}
