package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnsByInputTest {

    private static final int INPUTS = 150;
    private static final int COLUMNS = 300;

    @Test
    void overlapsUpdatedFromTheLastStepAreThoseCountedAfresh() {
        SplittableRandom random = new SplittableRandom(7);
        PotentialPools pools =
                PotentialPools.fromRows(
                        INPUTS,
                        COLUMNS,
                        2000,
                        10,
                        (column, row) -> {
                            for (int input = 0; input < INPUTS; input++) {
                                row[input] =
                                        random.nextInt(3) == 0
                                                ? 0
                                                : (char) (1 + random.nextInt(4095));
                            }
                        });
        ColumnsByInput byInput = pools.columnsByInput();
        long[] previous = pools.newInputBitmap();
        int[] overlaps = new int[COLUMNS];
        int updated = 0;
        for (int step = 0; step < 200; step++) {
            long[] current = previous.clone();
            // Mostly a few bits move, as a metric's input does; now and then most of them.
            int changes = step % 10 == 0 ? 100 : 1 + random.nextInt(4);
            for (int k = 0; k < changes; k++) {
                int input = random.nextInt(INPUTS);
                current[input >>> 6] ^= 1L << input;
            }
            if (byInput.update(previous, current, overlaps)) {
                updated++;
            } else {
                pools.overlaps(current, overlaps);
            }
            int[] fresh = new int[COLUMNS];
            pools.overlaps(current, fresh);
            assertThat(overlaps).isEqualTo(fresh);
            previous = current;
        }
        assertThat(updated).isBetween(150, 190);
    }
}
