package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwelveBitValuesTest {

    @Test
    void keepsEveryValueAtEvenAndOddPlacesWithoutTouchingItsNeighbours() {
        TwelveBitValues values = new TwelveBitValues(5);
        for (int i = 0; i < 5; i++) {
            values.set(i, 0xFFF);
        }
        for (int value = 0; value < 4096; value++) {
            values.set(1, value);
            values.set(2, 4095 - value);

            assertThat(new int[] {values.get(0), values.get(1), values.get(2), values.get(3)})
                    .containsExactly(0xFFF, value, 4095 - value, 0xFFF);
        }
    }

    @Test
    void takesThreeBytesForTwoValuesAndReadsBackItsBytes() {
        TwelveBitValues values = new TwelveBitValues(3);
        values.set(0, 1);
        values.set(1, 2049);
        values.set(2, 4095);

        TwelveBitValues read = TwelveBitValues.wrap(values.bytes().clone(), 3);

        assertThat(values.bytes()).hasSize(5);
        assertThat(new int[] {read.get(0), read.get(1), read.get(2)})
                .containsExactly(1, 2049, 4095);
        assertThatThrownBy(() -> TwelveBitValues.wrap(new byte[4], 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
