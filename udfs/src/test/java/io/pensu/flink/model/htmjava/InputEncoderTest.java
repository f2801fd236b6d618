package io.pensu.flink.model.htmjava;

import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.NetworkParameters;

import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class InputEncoderTest {

    private static final NetworkParameters PARAMETERS = NetworkParameters.defaults();
    private static final EncoderRange RANGE = new EncoderRange(0, 130, 1);
    private static final long MIDNIGHT_UTC = Instant.parse("2024-03-05T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final InputEncoder encoder =
            new InputEncoder(InputEncoder.valueEncoder(PARAMETERS, RANGE, 3), PARAMETERS);

    @Test
    void setsTheConfiguredNumberOfValueAndTimeOfDayBits() {
        int[] bits = encoder.encode(MIDNIGHT_UTC, 42);

        assertThat(bits).hasSize(encoder.width());
        assertThat(Arrays.stream(valueBits(bits)).sum()).isEqualTo(PARAMETERS.valueActiveBits());
        assertThat(Arrays.stream(timeBits(bits)).sum()).isEqualTo(PARAMETERS.timeOfDayActiveBits());
    }

    @Test
    void readsTimestampsAsUtcWallClockWhateverTheDefaultTimeZone() {
        DateTimeZone jvmZone = DateTimeZone.getDefault();
        DateTimeZone.setDefault(DateTimeZone.forID("Asia/Tokyo"));
        try {
            int[] midnight = timeBits(encoder.encode(MIDNIGHT_UTC, 42));

            // Midnight is where the periodic time of day wraps: bits at both ends of the field.
            assertThat(midnight[0]).isOne();
            assertThat(midnight[midnight.length - 1]).isOne();
        } finally {
            DateTimeZone.setDefault(jvmZone);
        }
    }

    @Test
    void encodesTheSameTimeOfDayOnEveryDay() {
        int[] today = timeBits(encoder.encode(MIDNIGHT_UTC + 15 * HOUR, 42));
        int[] tomorrow = timeBits(encoder.encode(MIDNIGHT_UTC + 39 * HOUR, 42));
        int[] later = timeBits(encoder.encode(MIDNIGHT_UTC + 27 * HOUR, 42));

        assertThat(tomorrow).isEqualTo(today);
        assertThat(later).isNotEqualTo(today);
    }

    @Test
    void centresTheValueEncoderOnTheLearnedRange() {
        assertThat(encoder.valueEncoder().getOffset()).isEqualTo(65.0);
    }

    @Test
    void encodesNearbyValuesWithOverlappingBitsAndDistantOnesWithout() {
        int[] value = valueBits(encoder.encode(MIDNIGHT_UTC, 50));
        int[] next = valueBits(encoder.encode(MIDNIGHT_UTC, 51));
        int[] far = valueBits(encoder.encode(MIDNIGHT_UTC, 120));

        assertThat(overlap(value, next)).isEqualTo(PARAMETERS.valueActiveBits() - 1);
        assertThat(overlap(value, far)).isLessThan(PARAMETERS.valueActiveBits() / 2);
    }

    private static int overlap(int[] a, int[] b) {
        int overlap = 0;
        for (int i = 0; i < a.length; i++) {
            overlap += a[i] & b[i];
        }
        return overlap;
    }

    private static int[] valueBits(int[] bits) {
        return Arrays.copyOfRange(bits, 0, PARAMETERS.valueBits());
    }

    private static int[] timeBits(int[] bits) {
        return Arrays.copyOfRange(bits, PARAMETERS.valueBits(), bits.length);
    }
}
