package io.pensu.flink.job.kafka;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.Sample;
import io.pensu.flink.output.KeyedText;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.types.Either;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;

/** Builds the job's Kafka source and sinks. */
public final class KafkaConnectors {

    /**
     * Longer than any checkpoint takes, shorter than the broker's default
     * transaction.max.timeout.ms (15 min), so that an exactly-once transaction is never aborted by
     * the broker while the job still intends to commit it.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private KafkaConnectors() {}

    /**
     * Reads the metrics topic in the consumer group, from the committed offsets (earliest where the
     * group has none), committing offsets with each checkpoint.
     */
    public static KafkaSource<Either<DeadLetter, Sample>> metricsSource(
            String bootstrapServers,
            String topic,
            String groupId,
            String clientIdPrefix,
            int sessionTimeoutMs,
            int maxLineBytes) {
        return KafkaSource.<Either<DeadLetter, Sample>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(clientIdPrefix)
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new CarbonLinesDeserializer(maxLineBytes))
                .setProperty(
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        Integer.toString(sessionTimeoutMs))
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /**
     * Writes to one topic. Exactly-once uses Kafka transactions committed with each checkpoint:
     * consumers must read with isolation.level=read_committed to see each output once.
     */
    public static KafkaSink<KeyedText> sink(
            String bootstrapServers,
            String topic,
            DeliveryGuarantee guarantee,
            String transactionalIdPrefix,
            String clientId) {
        return KafkaSink.<KeyedText>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new KeyedTextSerializer(topic))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(ProducerConfig.CLIENT_ID_CONFIG, clientId)
                .setProperty(
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(TRANSACTION_TIMEOUT.toMillis()))
                .build();
    }
}
