package io.pensu.flink.job.kafka;

import io.pensu.flink.output.KeyedText;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link KeyedText} to one topic, key and value as UTF-8, stamped with the time it is
 * written: the element's own timestamp is a sample's carbon time (event time), which can be years
 * old on a backfill and would let the topic's retention delete the output as soon as it is written.
 */
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
                topic, null, null, key, element.value().getBytes(StandardCharsets.UTF_8));
    }
}
