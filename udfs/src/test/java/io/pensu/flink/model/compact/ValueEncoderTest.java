package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ValueEncoderTest {

    private static final int N = 400;
    private static final int W = 21;

    private final SplitMix64 random = new SplitMix64(5);
    private final ValueEncoder encoder = ValueEncoder.create(N, W, 100, 1, random);

    @Test
    void encodesEveryValueAsWDistinctBitsOfN() {
        for (double value = -400; value <= 600; value += 7) {
            int[] bits = encode(value);
            assertThat(bits).doesNotHaveDuplicates();
            assertThat(Arrays.stream(bits).allMatch(b -> b >= 0 && b < N)).isTrue();
        }
    }

    @Test
    void bucketsCloserThanWShareAllButTheirDistanceInBits() {
        int[] middle = encode(100);
        for (int distance = 1; distance < W; distance++) {
            assertThat(overlap(middle, encode(100 + distance))).isEqualTo(W - distance);
            assertThat(overlap(middle, encode(100 - distance))).isEqualTo(W - distance);
        }
    }

    @Test
    void bucketsFurtherApartShareAtMostTheOverlapLimit() {
        int[][] buckets = new int[200][];
        for (int b = 0; b < buckets.length; b++) {
            buckets[b] = encode(b);
        }
        for (int a = 0; a < buckets.length; a++) {
            for (int b = a + W; b < buckets.length; b++) {
                assertThat(overlap(buckets[a], buckets[b]))
                        .isLessThanOrEqualTo(ValueEncoder.MAX_OVERLAP);
            }
        }
    }

    @Test
    void valuesBeyondTheOuterBucketsShareThem() {
        assertThat(encode(1e9)).isEqualTo(encode(100 + ValueEncoder.MAX_BUCKETS));
        assertThat(encode(-1e9)).isEqualTo(encode(100 - ValueEncoder.MAX_BUCKETS));
    }

    @Test
    void readsBackTheBucketsItHadDrawn() throws IOException {
        int[] far = encode(250);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            encoder.writeTo(out);
        }
        ValueEncoder restored =
                ValueEncoder.readFrom(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), N, W);

        int[] bits = new int[W];
        restored.encode(250, new SplitMix64(99), bits, 0);
        assertThat(bits).isEqualTo(far);
    }

    private int[] encode(double value) {
        int[] bits = new int[W];
        encoder.encode(value, random, bits, 0);
        return bits;
    }

    private static int overlap(int[] a, int[] b) {
        return (int) Arrays.stream(a).filter(x -> Arrays.stream(b).anyMatch(y -> y == x)).count();
    }
}
