package io.pensu.flink.detect;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class FlatLineTest {

    private static final int SAMPLES = 12;

    @Test
    void isRaisedOnceWhenAVaryingMetricRepeatsItsValueForTheSamples() {
        FlatLine flatLine = FlatLine.after(SAMPLES);
        for (int i = 0; i < 100; i++) {
            assertThat(flatLine.startsAt(i % 7)).isFalse();
        }

        int raisedAt = -1;
        int raised = 0;
        for (int i = 1; i <= 100; i++) {
            if (flatLine.startsAt(3.5)) {
                raisedAt = i;
                raised++;
            }
        }

        assertThat(raised).isOne();
        assertThat(raisedAt).isEqualTo(SAMPLES);
    }

    @Test
    void waitsTwiceAsLongAsTheLongestRunBeforeOnAMetricThatOftenHoldsAValue() {
        FlatLine flatLine = FlatLine.after(SAMPLES);
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 30; i++) {
                assertThat(flatLine.startsAt(0)).isFalse();
            }
            assertThat(flatLine.startsAt(day + 1)).isFalse();
        }

        int raisedAt = -1;
        for (int i = 1; i <= 100 && raisedAt < 0; i++) {
            raisedAt = flatLine.startsAt(0) ? i : -1;
        }

        assertThat(raisedAt).isEqualTo(60);
    }

    @Test
    void isNotRaisedByAMetricThatNeverVaried() {
        FlatLine flatLine = FlatLine.after(SAMPLES);

        for (int i = 0; i < 1000; i++) {
            assertThat(flatLine.startsAt(42)).isFalse();
        }
    }

    @Test
    void neverIsNeverRaised() {
        FlatLine flatLine = FlatLine.never();
        flatLine.startsAt(1);

        for (int i = 0; i < 1000; i++) {
            assertThat(flatLine.startsAt(2)).isFalse();
        }
    }

    @Test
    void continuesItsRunAfterASnapshot() throws IOException {
        FlatLine flatLine = FlatLine.after(SAMPLES);
        flatLine.startsAt(1);
        for (int i = 0; i < SAMPLES - 1; i++) {
            flatLine.startsAt(2);
        }

        FlatLine restored = restore(snapshot(flatLine));

        assertThat(restored.startsAt(2)).isTrue();
        assertThat(flatLine.startsAt(2)).isTrue();
        assertThat(snapshot(restored)).isEqualTo(snapshot(flatLine));
    }

    private static byte[] snapshot(FlatLine flatLine) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        flatLine.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static FlatLine restore(byte[] bytes) throws IOException {
        return FlatLine.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
