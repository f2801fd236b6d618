package io.pensu.flink.job.kafka;

import io.pensu.flink.input.RawRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes each Kafka record on undecoded, with its coordinates: decoding and parsing happen in the
 * parse operator, where a bad record becomes a dead letter instead of failing the source.
 */
public class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    private static final byte[] NO_PAYLOAD = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        byte[] payload = record.value() == null ? NO_PAYLOAD : record.value();
        out.collect(
                new RawRecord(
                        payload,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp()));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
