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
        assertThat(history.values()).containsExactly(range(150, 250));
        assertThat(history.scores()).containsExactly(negated(range(150, 250)));
    }

    @Test
    void restoresTheSameRecordsFromItsSnapshot() throws IOException {
        ScoreHistory history = new ScoreHistory(100);
        for (int i = 0; i < 130; i++) {
            history.append(i, -i);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        history.writeTo(new DataOutputStream(bytes));

        ScoreHistory restored =
                ScoreHistory.readFrom(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 100);
        restored.append(130, -130);

        assertThat(restored.values()).containsExactly(range(31, 131));
        assertThat(restored.scores()).containsExactly(negated(range(31, 131)));
    }

    private static double[] range(int from, int to) {
        return IntStream.range(from, to).asDoubleStream().toArray();
    }

    private static double[] negated(double[] values) {
        return Arrays.stream(values).map(v -> -v).toArray();
    }
}
