package io.pensu.flink.job.kafka;

import io.pensu.flink.output.KeyedText;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Writes a {@link KeyedText} to one topic, key and value as UTF-8. */
public class KeyedTextSerializer implements KafkaRecordSerializationSchema<KeyedText> {

    private final String topic;

    public KeyedTextSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            KeyedText element, KafkaSinkContext context, Long timestamp) {
        byte[] key = element.key() == null ? null : element.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(
                topic,
                null,
                kafkaTimestamp(timestamp),
                key,
                element.value().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The input record's timestamp is negative when it had none (old message formats, some
     * clients); a ProducerRecord refuses that, and since a restore replays the same record the job
     * would fail forever. Without a timestamp the producer stamps the send time, as Flink's own
     * serialization schema builder does.
     */
    private static Long kafkaTimestamp(Long timestamp) {
        return timestamp == null || timestamp < 0 ? null : timestamp;
    }
}
