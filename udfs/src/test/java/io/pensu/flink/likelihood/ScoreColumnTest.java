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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreColumnTest {

    @Test
    void keepsScoresApartByTheirBits() {
        ScoreColumn column = new ScoreColumn(3);

        column.set(0, 0.0);
        column.set(1, -0.0);
        column.set(2, 0.0);

        assertThat(bits(column.inOrder(0, 3))).containsExactly(bits(new double[] {0.0, -0.0, 0.0}));
    }

    @Test
    void codesTheScoresOfAWindowHoweverManyDistinctScoresLeftIt() throws IOException {
        ScoreColumn column = new ScoreColumn(100);
        for (int i = 0; i < 10_000; i++) {
            column.set(i % 100, i / 1000.0);
        }

        byte[] bytes = snapshot(column, 0, 100);

        assertThat(bytes[0]).as("coded").isEqualTo((byte) 1);
        assertThat(restore(bytes, 100, 100).inOrder(0, 100))
                .containsExactly(
                        IntStream.range(9900, 10_000).mapToDouble(i -> i / 1000.0).toArray());
    }

    @Test
    void fallsBackToDoublesForMoreDistinctScoresThanAByteCodes() throws IOException {
        ScoreColumn column = new ScoreColumn(300);
        double[] scores = IntStream.range(0, 300).mapToDouble(i -> i / 7.0).toArray();
        for (int slot = 0; slot < 300; slot++) {
            column.set(slot, scores[slot]);
        }

        byte[] bytes = snapshot(column, 0, 300);

        assertThat(bytes[0]).as("coded").isEqualTo((byte) 0);
        assertThat(column.inOrder(0, 300)).containsExactly(scores);
        assertThat(restore(bytes, 300, 300).inOrder(0, 300)).containsExactly(scores);
    }

    @Test
    void writesTheScoresOfTheRingOldestFirstInAsFewBitsAsTheTableNeeds() throws IOException {
        ScoreColumn column = new ScoreColumn(8);
        double[] byAge = {0.5, 0.25, 0.5, 0.75, 1.0, 0.0};
        for (int i = 0; i < byAge.length; i++) {
            column.set((5 + i) % 8, byAge[i]);
        }

        byte[] bytes = snapshot(column, 5, 6);

        // Flag 1 + table size 2 + 5 scores * 8 + 6 codes of 3 bits in 3 bytes.
        assertThat(bytes).hasSize(1 + 2 + 5 * 8 + 3);
        assertThat(restore(bytes, 6, 8).inOrder(0, 6)).containsExactly(byAge);
    }

    @Test
    void rejectsACodeBeyondTheTable() throws IOException {
        ScoreColumn column = new ScoreColumn(2);
        column.set(0, 0.5);
        column.set(1, 0.25);
        column.set(1, 0.75);
        byte[] bytes = snapshot(column, 0, 2);
        bytes[bytes.length - 1] = 0b1100;

        assertThatThrownBy(() -> restore(bytes, 2, 2))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("beyond a table of 3");
    }

    private static byte[] snapshot(ScoreColumn column, int oldest, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        column.writeTo(new DataOutputStream(bytes), oldest, size);
        return bytes.toByteArray();
    }

    private static ScoreColumn restore(byte[] bytes, int size, int length) throws IOException {
        return ScoreColumn.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes)), size, length);
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
