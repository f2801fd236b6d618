package io.pensu.flink.input;

import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ParseCarbonRecordsTest {

    private final CapturedMetrics metrics = new CapturedMetrics();
    private OneInputStreamOperatorTestHarness<RawRecord, Sample> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        // Flink ships functions to the task managers serialized; test the copy.
                        new ProcessOperator<>(
                                InstantiationUtil.clone(
                                        new ParseCarbonRecords(new InputLimits(100, 1000, 0)))),
                        metrics.environment());
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void emitsSamplesAndSendsRejectionsToTheDeadLetterOutput() throws Exception {
        process("a.b 1 10\ncpu 2 20\na.c 3 30\n", 7L);

        assertThat(harness.extractOutputValues())
                .extracting(Sample::metric, Sample::offset)
                .containsExactly(tuple("a.b", 7L), tuple("a.c", 7L));
        assertThat(deadLetters())
                .extracting(DeadLetter::reason, DeadLetter::raw)
                .containsExactly(tuple(RejectReason.NAME_WITHOUT_DOT, "cpu 2 20"));
    }

    @Test
    void countsRecordsSamplesAndRejectionsByReason() throws Exception {
        process("a.b 1 10\na.b nan 20\na.b x 30\na.b y 40\n", 1L);
        process("", 2L);
        process("a.c 1 10", 3L);

        assertThat(metrics.count("recordsIn")).isEqualTo(3);
        assertThat(metrics.count("samplesIn")).isEqualTo(2);
        assertThat(metrics.count("rejected.unparsable_value")).isEqualTo(2);
        assertThat(metrics.count("rejected.non_finite_value")).isEqualTo(1);
        assertThat(metrics.count("rejected.empty")).isEqualTo(1);
        assertThat(metrics.count("rejected.out_of_order")).isZero();
    }

    private void process(String payload, long offset) throws Exception {
        harness.processElement(
                new RawRecord(
                        payload.getBytes(StandardCharsets.UTF_8),
                        "metrics",
                        0,
                        offset,
                        RawRecord.NO_TIMESTAMP),
                0L);
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(ParseCarbonRecords.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue)
                .toList();
    }
}
