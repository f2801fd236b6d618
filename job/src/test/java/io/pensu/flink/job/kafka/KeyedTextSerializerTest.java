package io.pensu.flink.job.kafka;

import io.pensu.flink.output.KeyedText;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedTextSerializerTest {

    private final KeyedTextSerializer serializer = new KeyedTextSerializer("out");

    /**
     * Whatever the element's timestamp, an old carbon time or the negative one of an input record
     * without timestamp (which a ProducerRecord refuses, on every restore again), the producer
     * stamps the write time.
     */
    @ParameterizedTest
    @NullSource
    @ValueSource(longs = {1_587_617_182_000L, 0L, -1L, Long.MIN_VALUE})
    void writesKeyAndValueAsUtf8StampedWithTheWriteTime(Long timestamp) {
        ProducerRecord<byte[], byte[]> record =
                serializer.serialize(new KeyedText("a.é", "{\"v\":1}"), null, timestamp);

        assertThat(record.topic()).isEqualTo("out");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("a.é");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":1}");
        assertThat(record.timestamp()).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {1L})
    void writesARecordWithoutKeyWhenTheTextHasNone(long timestamp) {
        assertThat(serializer.serialize(new KeyedText(null, "x"), null, timestamp).key()).isNull();
    }
}
