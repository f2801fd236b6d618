package io.pensu.flink.classifier;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnedBitsTest {

    @Test
    void givesColumnsInTheOrderTheBitsWereFirstLearned() {
        LearnedBits bits = new LearnedBits(100);

        assertThat(bits.learn(new int[] {40, 7})).containsExactly(0, 1);
        assertThat(bits.learn(new int[] {3, 7, 90})).containsExactly(2, 1, 3);
        assertThat(bits.count()).isEqualTo(4);
        assertThat(bits.bitsByColumn()).containsExactly(40, 7, 3, 90);
    }

    @Test
    void leavesOutBitsNeverLearnedAndKeepsTheOrderOfTheOthers() {
        LearnedBits bits = new LearnedBits(100);
        bits.learn(new int[] {40, 7});

        assertThat(bits.columnsOf(new int[] {7, 8, 40, 99})).containsExactly(1, 0);
        assertThat(bits.count()).isEqualTo(2);
    }

    @Test
    void restoresTheColumnsOfASnapshot() throws IOException {
        LearnedBits bits = LearnedBits.restore(100, new int[] {40, 7});

        assertThat(bits.columnsOf(new int[] {7, 40})).containsExactly(1, 0);
        assertThat(bits.learn(new int[] {3})).containsExactly(2);
    }

    @Test
    void rejectsASnapshotWithARepeatedOrOutOfRangeBit() {
        assertThatThrownBy(() -> LearnedBits.restore(100, new int[] {4, 4}))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> LearnedBits.restore(100, new int[] {100}))
                .isInstanceOf(IOException.class);
    }
}
