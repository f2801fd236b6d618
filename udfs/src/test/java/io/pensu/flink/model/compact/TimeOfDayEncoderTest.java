package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOfDayEncoderTest {

    private static final long MIDNIGHT = Instant.parse("2024-03-05T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final TimeOfDayEncoder encoder = new TimeOfDayEncoder(21, 9.49);

    @Test
    void sizesItselfSoThatWBitsSpanOneRadius() {
        assertThat(encoder.width()).isEqualTo(54);
    }

    @Test
    void encodesTheSameTimeOfDayOnEveryDay() {
        assertThat(encode(MIDNIGHT + 39 * HOUR)).isEqualTo(encode(MIDNIGHT + 15 * HOUR));
        assertThat(encode(MIDNIGHT + 27 * HOUR)).isNotEqualTo(encode(MIDNIGHT + 15 * HOUR));
    }

    @Test
    void wrapsAroundMidnight() {
        int[] midnight = encode(MIDNIGHT);

        assertThat(midnight).contains(0, encoder.width() - 1);
        assertThat(overlap(midnight, encode(MIDNIGHT - HOUR))).isGreaterThan(10);
    }

    @Test
    void offsetsItsBitsBehindTheValueBits() {
        int[] bits = new int[21];
        encoder.encode(MIDNIGHT, 400, bits, 0);

        assertThat(Arrays.stream(bits).min().orElseThrow()).isEqualTo(400);
        assertThat(Arrays.stream(bits).max().orElseThrow()).isEqualTo(400 + encoder.width() - 1);
    }

    private int[] encode(long millis) {
        int[] bits = new int[21];
        encoder.encode(millis, 0, bits, 0);
        Arrays.sort(bits);
        return bits;
    }

    private static int overlap(int[] a, int[] b) {
        return (int) Arrays.stream(a).filter(x -> Arrays.stream(b).anyMatch(y -> y == x)).count();
    }
}
