package io.pensu.flink.likelihood;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreHistoryTest {

    @Test
    void keepsTheMostRecentRecordsOldestFirstWhileGrowingAndWrapping() {
        ScoreHistory history = new ScoreHistory(100);

        for (int i = 0; i < 250; i++) {
            history.append(i, -i);
        }

        assertThat(history.size()).isEqualTo(100);
        assertThat(history.scores()).containsExactly(negated(range(150, 250)));
    }

    @Test
    void restoresTheSameRecordsFromItsSnapshot() throws IOException {
        ScoreHistory history = new ScoreHistory(100);
        for (int i = 0; i < 130; i++) {
            history.append(1 + i * 1e-4, -i);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        history.writeTo(new DataOutputStream(bytes));

        ScoreHistory restored =
                ScoreHistory.readFrom(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 100);
        restored.append(1 + 130 * 1e-4, -130);

        assertThat(restored.scores()).containsExactly(negated(range(31, 131)));
        // Values within 0.01 of each other: every one of them is kept, and they are flat.
        assertThat(restored.valuesKept()).isEqualTo(100);
        assertThat(restored.isFlat(0)).isTrue();
    }

    @Test
    void keepsOnlyTheNewestValuesOfANoisyMetric() {
        ScoreHistory history = new ScoreHistory(8640);

        for (int i = 0; i < 20_000; i++) {
            history.append(i % 2 == 0 ? 10 : 20, 0.5);
        }

        assertThat(history.size()).isEqualTo(8640);
        assertThat(history.valuesKept()).isEqualTo(1);
        assertThat(history.isFlat(0)).isFalse();
    }

    private static double[] range(int from, int to) {
        return IntStream.range(from, to).asDoubleStream().toArray();
    }

    private static double[] negated(double[] values) {
        return Arrays.stream(values).map(v -> -v).toArray();
    }
}
