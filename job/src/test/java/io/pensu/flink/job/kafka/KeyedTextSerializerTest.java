package io.pensu.flink.job.kafka;

import io.pensu.flink.output.KeyedText;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedTextSerializerTest {

    private final KeyedTextSerializer serializer = new KeyedTextSerializer("out");

    @Test
    void writesKeyAndValueAsUtf8WithTheInputRecordsTimestamp() {
        ProducerRecord<byte[], byte[]> record =
                serializer.serialize(new KeyedText("a.é", "{\"v\":1}"), null, 1_587_617_182_000L);

        assertThat(record.topic()).isEqualTo("out");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("a.é");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":1}");
        assertThat(record.timestamp()).isEqualTo(1_587_617_182_000L);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, Long.MIN_VALUE})
    void leavesANegativeTimestampToTheProducer(long timestamp) {
        ProducerRecord<byte[], byte[]> record =
                serializer.serialize(new KeyedText(null, "x"), null, timestamp);

        assertThat(record.timestamp()).isNull();
        assertThat(record.key()).isNull();
    }

    @Test
    void leavesAMissingTimestampToTheProducer() {
        assertThat(serializer.serialize(new KeyedText("k", "v"), null, null).timestamp()).isNull();
    }
}
