package io.pensu.flink.state;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HuffmanArraysTest {

    @Test
    void readsBackArraysOfAnyLengthAndAlphabet() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        for (int count : new int[] {0, 1, 2, 7, 1000, 50_000}) {
            for (int alphabet : new int[] {1, 2, 21, 8_000, HuffmanArrays.VALUE_LIMIT}) {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    // Skewed: small values far more often than large ones.
                    values[i] =
                            (int)
                                    Math.min(
                                            alphabet - 1,
                                            Math.abs(random.nextGaussian()) * alphabet / 8);
                }

                assertThat(roundTrip(values, 0, count))
                        .as("%d values below %d", count, alphabet)
                        .containsExactly(values);
            }
        }
    }

    @Test
    void writesOnlyTheGivenRange() throws IOException {
        int[] values = {9, 1, 2, 2, 3, 9};

        assertThat(roundTrip(values, 1, 4)).containsExactly(1, 2, 2, 3);
    }

    /**
     * Frequencies of the Fibonacci numbers give the longest Huffman codes for their total: 20 of
     * them take codes of up to 19 bits, 40 would take 39 and are held to the longest length.
     */
    @Test
    void keepsCodesWithinTheLongestLengthWhenFrequenciesAreVerySkewed() throws IOException {
        long[] frequencies = new long[40];
        frequencies[0] = 1;
        frequencies[1] = 1;
        for (int s = 2; s < frequencies.length; s++) {
            frequencies[s] = frequencies[s - 1] + frequencies[s - 2];
        }
        assertThat(Arrays.stream(HuffmanArrays.codeLengths(Arrays.copyOf(frequencies, 20))).max())
                .hasValue(19);

        int[] lengths = HuffmanArrays.codeLengths(frequencies);

        assertThat(Arrays.stream(lengths).max().orElseThrow())
                .isLessThanOrEqualTo(HuffmanArrays.MAX_CODE_LENGTH);
        assertThat(Arrays.stream(lengths).mapToDouble(length -> Math.scalb(1.0, -length)).sum())
                .isEqualTo(1.0);
        int[] values = new int[1 << 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 29 == 0 ? i % 40 : 39;
        }
        assertThat(roundTrip(values, 0, values.length)).containsExactly(values);
    }

    @Test
    void takesAboutTheEntropyOfSkewedValues() throws IOException {
        // Four values with probabilities 1/2, 1/4, 1/8, 1/8: 1.75 bits each.
        int[] values = new int[8000];
        for (int i = 0; i < values.length; i++) {
            int k = i % 8;
            values[i] = k < 4 ? 100 : k < 6 ? 200 : k == 6 ? 300 : 4000;
        }

        assertThat(bytes(values, 0, values.length).length)
                .isBetween(8000 * 7 / 4 / 8, 8000 * 7 / 4 / 8 + 40);
    }

    @Test
    void refusesNegativeAndTooLargeValues() {
        assertThatThrownBy(() -> bytes(new int[] {-1}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bytes(new int[] {HuffmanArrays.VALUE_LIMIT}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATruncatedOrCorruptedArray() throws IOException {
        int[] values = new int[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 7 * (i % 3);
        }
        byte[] written = bytes(values, 0, values.length);

        assertThatThrownBy(() -> read(Arrays.copyOf(written, written.length - 5)))
                .isInstanceOf(IOException.class);
        byte[] moreValues = written.clone();
        moreValues[2]++; // 256 more values than the codes hold
        assertThatThrownBy(() -> read(moreValues)).isInstanceOf(IOException.class);
    }

    private static int[] roundTrip(int[] values, int from, int count) throws IOException {
        return read(bytes(values, from, count));
    }

    private static byte[] bytes(int[] values, int from, int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            HuffmanArrays.write(out, values, from, count);
        }
        return bytes.toByteArray();
    }

    private static int[] read(byte[] bytes) throws IOException {
        return HuffmanArrays.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
