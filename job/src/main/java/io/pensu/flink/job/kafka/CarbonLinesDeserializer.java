package io.pensu.flink.job.kafka;

import io.pensu.flink.input.CarbonLines;
import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.InputLimits;
import io.pensu.flink.input.RawRecord;
import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;

/**
 * Turns each Kafka record into its carbon lines, one element per line, so that the source's
 * per-partition watermarks follow the carbon timestamps of every line of a batched record. A bad
 * record or line becomes a dead letter element, never a failure of the source.
 */
public class CarbonLinesDeserializer
        implements KafkaRecordDeserializationSchema<Either<DeadLetter, Sample>> {

    private final RawRecordDeserializer records = new RawRecordDeserializer();
    private final CarbonLines lines;

    public CarbonLinesDeserializer(InputLimits limits) {
        this.lines = new CarbonLines(limits);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        lines.open(context.getMetricGroup());
    }

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record, Collector<Either<DeadLetter, Sample>> out)
            throws IOException {
        records.deserialize(
                record,
                new Collector<>() {
                    @Override
                    public void collect(RawRecord raw) {
                        lines.split(raw, out);
                    }

                    @Override
                    public void close() {}
                });
    }

    @Override
    public TypeInformation<Either<DeadLetter, Sample>> getProducedType() {
        return type();
    }

    /** The source's element type: Flink's own serializers, no Kryo. */
    public static TypeInformation<Either<DeadLetter, Sample>> type() {
        return new EitherTypeInfo<>(
                TypeInformation.of(DeadLetter.class), TypeInformation.of(Sample.class));
    }
}
