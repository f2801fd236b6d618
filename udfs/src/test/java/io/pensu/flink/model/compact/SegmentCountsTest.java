package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentCountsTest {

    @Test
    void eachStepCountsAfreshAndListsASegmentOnceWhenItReachesTheThreshold() {
        SegmentCounts counts = new SegmentCounts(2, 10);
        counts.startStep(4);
        add(counts, 1, 1, 1, 3, 3, 0);
        assertThat(IntStream.range(0, 4).map(counts::count)).containsExactly(1, 3, 0, 2);
        assertThat(reached(counts)).containsExactly(1, 3);

        counts.startStep(4);
        add(counts, 2, 3, 2);
        assertThat(IntStream.range(0, 4).map(counts::count)).containsExactly(0, 0, 2, 1);
        assertThat(reached(counts)).containsExactly(2);
    }

    @Test
    void countsStayRightWhenTheBaseStartsAgainFromZero() {
        // A stride of a quarter of the int range: the base starts again every few steps.
        SegmentCounts counts = new SegmentCounts(1, 1 << 29);
        for (int step = 0; step < 20; step++) {
            counts.startStep(3);
            add(counts, step % 3, step % 3, 2);
            assertThat(counts.count(step % 3)).isEqualTo(step % 3 == 2 ? 3 : 2);
            assertThat(counts.count((step + 1) % 3)).isEqualTo((step + 1) % 3 == 2 ? 1 : 0);
            assertThat(reached(counts))
                    .containsExactlyInAnyOrder(
                            IntStream.of(step % 3, 2).distinct().boxed().toArray(Integer[]::new));
        }
    }

    @Test
    void growsWithTheSegmentIds() {
        SegmentCounts counts = new SegmentCounts(1, 4);
        counts.startStep(2);
        add(counts, 1);
        counts.startStep(100);
        add(counts, 99, 1);
        assertThat(counts.count(99)).isEqualTo(1);
        assertThat(counts.count(1)).isEqualTo(1);
        assertThat(reached(counts)).containsExactly(99, 1);
    }

    private static void add(SegmentCounts counts, int... segments) {
        for (int segment : segments) {
            counts.add(segment);
        }
    }

    private static IntStream reached(SegmentCounts counts) {
        return IntStream.range(0, counts.reachedCount()).map(counts::reached);
    }
}
