package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static int[] roundTrip(int[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            PackedArrays.writePacked(out, values, 0, values.length);
        }
        return PackedArrays.readPacked(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
