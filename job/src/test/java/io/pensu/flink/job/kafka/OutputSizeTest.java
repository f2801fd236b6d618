package io.pensu.flink.job.kafka;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.Prediction;
import io.pensu.flink.input.CarbonParser;
import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.InputLimits;
import io.pensu.flink.input.ParsedRecord;
import io.pensu.flink.input.RawRecord;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.Sample;
import io.pensu.flink.output.AnomalyReports;
import io.pensu.flink.output.DeadLetters;
import io.pensu.flink.output.GraphiteLines;
import io.pensu.flink.output.KeyedText;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a producer sends, every output fits in one Kafka produce request: over the producer's
 * max.request.size the sink fails with RecordTooLargeException, and the same record after every
 * restore would fail it again. Measured at the largest allowed line: a dead letter of control
 * characters takes 393 KB of the 1 MiB, an anomaly report for a name of quotes 458 KB.
 */
class OutputSizeTest {

    /** The producer's default, which the job does not change. */
    private static final int MAX_REQUEST_SIZE = 1_048_576;

    private static final int LINE_BYTES = InputLimits.LARGEST_MAX_LINE_BYTES;
    private static final CarbonParser PARSER =
            new CarbonParser(new InputLimits(LINE_BYTES, 4 * LINE_BYTES, 600_000L));
    private static final KeyedTextSerializer SERIALIZER = new KeyedTextSerializer("out");

    /** JSON escapes each of these as six bytes, {@code \u0001}. */
    private static final String CONTROL = "\u0001";

    static Stream<Arguments> hostileRecords() {
        String controlLine = CONTROL.repeat(LINE_BYTES);
        byte[] notUtf8 = new byte[LINE_BYTES];
        Arrays.fill(notUtf8, (byte) 0xff);
        Stream<byte[]> lines =
                Stream.of(
                                controlLine,
                                controlLine + CONTROL,
                                (controlLine + "\n").repeat(3) + CONTROL.repeat(LINE_BYTES + 1),
                                name(LINE_BYTES - 24) + " " + CONTROL.repeat(20) + " 10",
                                name(LINE_BYTES / 2)
                                        + " "
                                        + CONTROL.repeat(LINE_BYTES / 2 - 4)
                                        + " 10",
                                "a.b 1 " + "9".repeat(LINE_BYTES - 6))
                        .map(payload -> payload.getBytes(StandardCharsets.UTF_8));
        return Stream.concat(lines, Stream.of(notUtf8)).map(bytes -> Arguments.of((Object) bytes));
    }

    @ParameterizedTest
    @MethodSource("hostileRecords")
    void everyDeadLetterFitsInAProduceRequest(byte[] payload) {
        ParsedRecord parsed = PARSER.parse(new RawRecord(payload, "metrics", 0, 0L, 0L));

        assertThat(parsed.deadLetters()).isNotEmpty();
        for (DeadLetter deadLetter : parsed.deadLetters()) {
            assertThat(requestBytes(DeadLetters.toJson(deadLetter))).isLessThan(MAX_REQUEST_SIZE);
        }
    }

    @Test
    void everyOutputOfTheLongestAcceptedLineFitsInAProduceRequest() {
        String line = name(LINE_BYTES - " 1 1587617182".length()) + " 1 1587617182";
        ParsedRecord parsed =
                PARSER.parse(
                        new RawRecord(
                                line.getBytes(StandardCharsets.UTF_8),
                                "metrics",
                                0,
                                0L,
                                1_587_617_182_000L));
        assertThat(parsed.deadLetters()).isEmpty();
        Sample sample = parsed.samples().get(0);
        assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSize(LINE_BYTES);

        Detection detection =
                new Detection(
                        sample.metric(),
                        sample.timestampMillis(),
                        sample.value(),
                        1.0,
                        1.0,
                        false,
                        true,
                        1,
                        -1.7976931348623157e308,
                        new Prediction(sample.timestampMillis() + 300_000L, 4.9e-324, 0.9999));
        GraphiteLines lines = new GraphiteLines(GraphiteLines.DEFAULT_TEMPLATE);
        List<KeyedText> outputs = new ArrayList<>();
        outputs.add(AnomalyReports.toJson(detection));
        outputs.addAll(lines.anomalyLines(detection));
        outputs.addAll(lines.predictionLines(detection));
        // What the detector writes for a sample that is not after its metric's last one.
        outputs.add(
                DeadLetters.toJson(
                        new DeadLetter(
                                RejectReason.OUT_OF_ORDER,
                                "timestamp 2020-04-23T04:46:22Z is not after the metric's last"
                                        + " accepted timestamp 2020-04-23T04:46:22Z",
                                sample.line(),
                                sample.metric(),
                                sample.topic(),
                                sample.partition(),
                                sample.offset())));

        assertThat(outputs).hasSize(7);
        assertThat(outputs)
                .allSatisfy(
                        output -> assertThat(requestBytes(output)).isLessThan(MAX_REQUEST_SIZE));
    }

    @Test
    void theLimitIsTheProducersDefault() {
        assertThat(ProducerConfig.configDef().defaultValues())
                .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE);
    }

    /**
     * A valid name of {@code bytes} characters that JSON escapes ({@code "} and {@code \\} as two
     * bytes), in components as long as carbon stores.
     */
    private static String name(int bytes) {
        StringBuilder name = new StringBuilder();
        while (bytes - name.length() > 255 + 1 + 251) {
            name.append("\"\\".repeat(127)).append("\".");
        }
        int remaining = bytes - name.length();
        int last = Math.min(251, remaining - 2);
        return name.append("\\".repeat(remaining - 1 - last))
                .append('.')
                .append("\"".repeat(last))
                .toString();
    }

    /** What the producer checks against max.request.size for this output. */
    private static int requestBytes(KeyedText output) {
        ProducerRecord<byte[], byte[]> record = SERIALIZER.serialize(output, null, 0L);
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE,
                record.key(),
                record.value(),
                new Header[0]);
    }
}
