package io.pensu.flink.input;

import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.types.Either;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CarbonLinesTest {

    private final CapturedMetrics metrics = new CapturedMetrics();
    private final List<Either<DeadLetter, Sample>> lines = new ArrayList<>();
    private CarbonLines carbonLines;

    @BeforeEach
    void open() throws Exception {
        // Flink ships the deserializer to the task managers serialized; test the copy.
        carbonLines = InstantiationUtil.clone(new CarbonLines(new InputLimits(100, 1000, 0)));
        carbonLines.open(metrics.group());
    }

    @Test
    void emitsOneElementPerLineEachASampleOrADeadLetter() {
        split("a.b 1 10\ncpu 2 20\na.c 3 30\n", 7L);

        assertThat(lines.stream().filter(Either::isRight).map(Either::right))
                .extracting(Sample::metric, Sample::timestampMillis, Sample::offset)
                .containsExactly(tuple("a.b", 10_000L, 7L), tuple("a.c", 30_000L, 7L));
        assertThat(lines.stream().filter(Either::isLeft).map(Either::left))
                .extracting(DeadLetter::reason, DeadLetter::raw)
                .containsExactly(tuple(RejectReason.NAME_WITHOUT_DOT, "cpu 2 20"));
    }

    @Test
    void countsRecordsSamplesAndRejectionsByReason() {
        split("a.b 1 10\na.b nan 20\na.b x 30\na.b y 40\n", 1L);
        split("", 2L);
        split("a.c 1 10", 3L);

        assertThat(metrics.count("recordsIn")).isEqualTo(3);
        assertThat(metrics.count("samplesIn")).isEqualTo(2);
        assertThat(metrics.count("rejected.unparsable_value")).isEqualTo(2);
        assertThat(metrics.count("rejected.non_finite_value")).isEqualTo(1);
        assertThat(metrics.count("rejected.empty")).isEqualTo(1);
        assertThat(metrics.count("rejected.out_of_order")).isZero();
    }

    private void split(String payload, long offset) {
        carbonLines.split(
                new RawRecord(
                        payload.getBytes(StandardCharsets.UTF_8),
                        "metrics",
                        0,
                        offset,
                        RawRecord.NO_TIMESTAMP),
                new ListCollector<>(lines));
    }
}
