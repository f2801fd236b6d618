package io.pensu.flink.detect;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class RangeRelearningTest {

    private static final int SAMPLES = 10;

    @Test
    void isDueOnceTheShareOfTheLastSamplesFellBeyondTheRange() {
        RangeRelearning relearning = RangeRelearning.after(0.5, SAMPLES);
        for (int i = 0; i < SAMPLES; i++) {
            assertThat(relearning.due(i, i, false)).isFalse();
        }
        for (int i = 0; i < 4; i++) {
            assertThat(relearning.due(i, 100 + i, true)).isFalse();
        }

        assertThat(relearning.due(4, 104, true)).isTrue();
        assertThat(relearning.values()).containsExactly(5, 6, 7, 8, 9, 100, 101, 102, 103, 104);
    }

    @Test
    void forgetsExcursionsThatLeftTheWindow() {
        RangeRelearning relearning = RangeRelearning.after(0.5, SAMPLES);
        for (int i = 0; i < 100; i++) {
            assertThat(relearning.due(i, i, i % 3 == 0)).isFalse();
        }
    }

    @Test
    void startsCountingAfreshAfterARelearning() {
        RangeRelearning relearning = RangeRelearning.after(0.5, SAMPLES);
        for (int i = 0; i < SAMPLES - 1; i++) {
            relearning.due(i, 100, true);
        }
        assertThat(relearning.due(SAMPLES, 100, true)).isTrue();
        relearning.relearned();

        for (int i = 0; i < 4; i++) {
            assertThat(relearning.due(i, 200, true)).isFalse();
        }
        assertThat(relearning.due(4, 200, true)).isTrue();
    }

    @Test
    void neverKeepsNoSamplesAndIsNeverDue() {
        RangeRelearning relearning = RangeRelearning.never();

        for (int i = 0; i < 100; i++) {
            assertThat(relearning.due(i, i, true)).isFalse();
        }
        assertThat(relearning.values()).isEmpty();
    }

    @Test
    void continuesWithTheSameSamplesAfterASnapshot() throws IOException {
        RangeRelearning relearning = RangeRelearning.after(0.5, SAMPLES);
        for (int i = 0; i < 14; i++) {
            relearning.due(1000L * i, i, i >= 10);
        }

        RangeRelearning restored = restore(snapshot(relearning));

        assertThat(restored.wallClockMillis()).containsExactly(relearning.wallClockMillis());
        assertThat(restored.values()).containsExactly(relearning.values());
        assertThat(restored.due(14_000, 14, true)).isTrue();
        assertThat(relearning.due(14_000, 14, true)).isTrue();
        assertThat(snapshot(restored)).isEqualTo(snapshot(relearning));
    }

    private static byte[] snapshot(RangeRelearning relearning) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        relearning.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static RangeRelearning restore(byte[] bytes) throws IOException {
        return RangeRelearning.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
