package io.pensu.flink.detect;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.Sample;
import io.pensu.flink.state.DetectorStateDescriptors;
import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ModelQuarantineTest extends DetectorTestBase {

    private static final int BEFORE = LEARNING_SAMPLES + 10;
    private static final int AFTER = LEARNING_SAMPLES + 5;

    /** Ways a stored model can be unreadable, each from the model's real snapshot bytes. */
    enum Corruption {
        NOT_A_MODEL(bytes -> "not a model".getBytes(StandardCharsets.UTF_8)),
        UNKNOWN_FORMAT(bytes -> ByteBuffer.wrap(bytes.clone()).putInt(0, 99).array()),
        UNKNOWN_ENGINE(Corruption::withUnknownEngine),
        TRUNCATED(bytes -> Arrays.copyOf(bytes, bytes.length / 2)),
        EMPTY(bytes -> new byte[0]);

        private final UnaryOperator<byte[]> damage;

        Corruption(UnaryOperator<byte[]> damage) {
            this.damage = damage;
        }

        /** The snapshot starts with its format (int) and its engine's id (modified UTF-8). */
        private static byte[] withUnknownEngine(byte[] bytes) {
            int idLength = ByteBuffer.wrap(bytes).getShort(4);
            byte[] unknown = "no.such.engine".getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(bytes.length - idLength + unknown.length)
                    .put(bytes, 0, 4)
                    .putShort((short) unknown.length)
                    .put(unknown)
                    .put(bytes, 6 + idLength, bytes.length - 6 - idLength)
                    .array();
        }
    }

    static Stream<Arguments> corruptionsAndBackends() {
        return Arrays.stream(Corruption.values())
                .flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0}, RocksDB: {1}")
    @MethodSource("corruptionsAndBackends")
    void aMetricWhoseModelCannotBeReadIsLearnedAgainFromTheNextSampleWhileOthersGoOn(
            Corruption corruption, boolean rocksDb) throws Exception {
        DetectorSettings settings = settings(OutOfOrderPolicy.REJECT, 1000, 4);
        List<Sample> samples = interleaved(BEFORE + AFTER, "a.b", "c.d");
        List<Sample> restored = samples.subList(2 * BEFORE, samples.size());

        OperatorSubtaskState snapshot;
        try (var first = new DetectorHarness(settings, rocksDb, new CapturedMetrics())) {
            first.open(null).feed(samples.subList(0, 2 * BEFORE));
            snapshot = first.snapshot();
        }
        CapturedMetrics metrics = new CapturedMetrics();
        try (var second = new DetectorHarness(settings, rocksDb, metrics).open(snapshot)) {
            ValueState<byte[]> model =
                    second.state("a.b", DetectorStateDescriptors.modelSnapshot());
            model.update(corruption.damage.apply(model.value()));
            second.feed(restored);

            List<DeadLetter> letters = second.deadLetters();
            assertThat(letters).hasSize(1);
            DeadLetter letter = letters.get(0);
            assertThat(letter.reason()).isEqualTo(RejectReason.UNREADABLE_MODEL_STATE);
            assertThat(letter.metric()).isEqualTo("a.b");
            assertThat(letter.raw()).isEqualTo(restored.get(0).line());
            assertThat(letter.message())
                    .startsWith("the stored model of metric 'a.b' cannot be read: ")
                    .endsWith("starts learning the model again");
            assertThat(metrics.count("modelsQuarantined")).isEqualTo(1);
            assertThat(metrics.count("rejected.unreadable_model_state")).isEqualTo(1);

            List<Detection> out = second.detections();
            assertThat(only("c.d", out))
                    .isEqualTo(
                            only("c.d", uninterrupted(settings, samples))
                                    .subList(BEFORE, BEFORE + AFTER));
            // a.b learns from the sample that met the damage on, as a metric seen for the first
            // time
            assertThat(only("a.b", out))
                    .hasSize(AFTER)
                    .isEqualTo(uninterrupted(settings, only("a.b", restored)));
        }
    }

    private static List<Detection> uninterrupted(DetectorSettings settings, List<Sample> samples)
            throws Exception {
        try (var h = new DetectorHarness(settings, false, new CapturedMetrics()).open(null)) {
            h.feed(samples);
            return h.detections();
        }
    }

    private static <T> List<T> only(String metric, List<T> items) {
        return items.stream()
                .filter(
                        item ->
                                item instanceof Detection d
                                        ? d.metric().equals(metric)
                                        : ((Sample) item).metric().equals(metric))
                .toList();
    }
}
