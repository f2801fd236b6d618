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

class PackedArraysTest {

    @Test
    void readsBackBitPackedValuesOfEveryWidthAndLength() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int width = 0; width <= 31; width++) {
            for (int count : new int[] {0, 1, 7, 8, 9, 1000}) {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] =
                            width == 0 ? 0 : (int) random.nextLong(1L << width - 1, 1L << width);
                }

                assertThat(roundTrip(values))
                        .as("%d values of %d bits", count, width)
                        .containsExactly(values);
            }
        }
    }

    @Test
    void packsToTheWidthOfTheLargestValue() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            PackedArrays.writePacked(out, new int[] {1, 5, 1023, 0}, 0, 4);
        }

        // count, width, then 4 x 10 bits
        assertThat(bytes.size()).isEqualTo(4 + 1 + 5);
    }

    @Test
    void readsBackTwelveBitValuesIntoTheSelectedPositionsOnly() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        // 40,000 positions span several of the writer's buffers.
        for (int positions : new int[] {0, 1, 5, 63, 64, 65, 130, 40_000}) {
            char[] values = new char[positions];
            long[] selected = new long[(positions + 63) / 64];
            int count = 0;
            for (int i = 0; i < positions; i++) {
                if (random.nextInt(5) != 0) {
                    values[i] = (char) random.nextInt(4096);
                    selected[i >>> 6] |= 1L << i;
                    count++;
                }
            }
            char[] read = new char[positions];
            Arrays.fill(read, 'x');
            char[] expected = read.clone();
            for (int i = 0; i < positions; i++) {
                if ((selected[i >>> 6] & 1L << i) != 0) {
                    expected[i] = values[i];
                }
            }

            byte[] bytes = twelveBits(values, selected, count);
            PackedArrays.readTwelveBits(
                    new DataInputStream(new ByteArrayInputStream(bytes)), selected, read);

            assertThat(bytes).as("%d values", count).hasSize(4 + (count * 3 + 1) / 2);
            assertThat(read).as("%d positions", positions).isEqualTo(expected);
        }
    }

    @Test
    void packsTwoTwelveBitValuesIntoThreeBytesLowBitsFirst() throws IOException {
        char[] values = {0xABC, 0x123, 0xFFF};

        byte[] bytes = twelveBits(values, new long[] {0b111}, 3);

        assertThat(bytes).containsExactly(0, 0, 0, 3, 0xBC, 0x3A, 0x12, 0xFF, 0x0F);
    }

    @Test
    void refusesTwelveBitValuesThatDoNotMatchTheirPositions() throws IOException {
        byte[] bytes = twelveBits(new char[] {1, 2}, new long[] {0b11}, 2);

        assertThatThrownBy(
                        () ->
                                PackedArrays.readTwelveBits(
                                        new DataInputStream(new ByteArrayInputStream(bytes)),
                                        new long[] {0b111},
                                        new char[3]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2 12-bit values for 3 places");
    }

    private static byte[] twelveBits(char[] values, long[] selected, int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            PackedArrays.writeTwelveBits(out, values, selected, count);
        }
        return bytes.toByteArray();
    }

    private static int[] roundTrip(int[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            PackedArrays.writePacked(out, values, 0, values.length);
        }
        return PackedArrays.readPacked(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
