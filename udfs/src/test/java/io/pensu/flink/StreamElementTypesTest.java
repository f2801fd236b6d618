package io.pensu.flink;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.Prediction;
import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RawRecord;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.Sample;
import io.pensu.flink.output.KeyedText;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The records that flow between operators are serialized by Flink's POJO serializer, not Kryo. */
class StreamElementTypesTest {

    static Stream<Object> streamElements() {
        return Stream.of(
                new RawRecord(
                        "a.b 1 10".getBytes(StandardCharsets.UTF_8), "metrics", 2, 9L, 10_000L),
                new RawRecord(null, "metrics", 0, 0L, RawRecord.NO_TIMESTAMP),
                new Sample("a.b", 10_000L, 1.5, "a.b 1.5 10", "metrics", 2, 9L),
                new DeadLetter(RejectReason.EMPTY, "line is empty", "", null, "metrics", 2, 9L),
                new KeyedText("a.b", "pensu.anomaly_score.metrics_analyzer.a.b 0.5 10"),
                new KeyedText(null, "metrics"),
                new Prediction(15_000L, 2.5, 0.9),
                new Detection(
                        "a.b",
                        10_000L,
                        1.5,
                        0.99,
                        0.99999,
                        false,
                        true,
                        1,
                        1.25,
                        new Prediction(15_000L, 2.5, 0.9)),
                new Detection("a.b", 10_000L, 1.5, 0.0, 0.5, false, false, 0, null, null));
    }

    @ParameterizedTest
    @MethodSource("streamElements")
    void isAPojoTypeForFlink(Object element) {
        TypeInformation<?> type = TypeInformation.of(element.getClass());

        assertThat(type).isNotInstanceOf(GenericTypeInfo.class).isInstanceOf(PojoTypeInfo.class);
    }

    @ParameterizedTest
    @MethodSource("streamElements")
    void survivesSerializationWithGenericTypesDisabled(Object element) throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        // Any Kryo serializer anywhere in the type would now fail to be created.
        config.setGenericTypes(false);

        Object copy = roundTrip(element, TypeInformation.of(element.getClass()), config);

        assertThat(copy).usingRecursiveComparison().isEqualTo(element);
    }

    private static <T> T roundTrip(
            Object element, TypeInformation<T> type, SerializerConfigImpl config)
            throws IOException {
        TypeSerializer<T> serializer = type.createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(type.getTypeClass().cast(element), out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
