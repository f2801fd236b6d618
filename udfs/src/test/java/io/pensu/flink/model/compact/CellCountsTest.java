package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CellCountsTest {

    private static final int CELLS = 1000;

    @Test
    void answersAsAnArrayOfEveryCellWhilePagesAreAddedAndWidened() {
        CellCounts counts = new CellCounts(CELLS);
        int[] expected = new int[CELLS];
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++) {
            // Cells 0-63 climb past a byte; the rest stay small and go up and down.
            int cell = step % 3 == 0 ? random.nextInt(64) : random.nextInt(CELLS);
            if (expected[cell] > 0 && cell >= 64 && random.nextBoolean()) {
                counts.decrement(cell);
                expected[cell]--;
            } else if (expected[cell] < Character.MAX_VALUE) {
                counts.increment(cell);
                expected[cell]++;
            }
            if (step % 1000 == 0) {
                int from = random.nextInt(CELLS);
                int to = from + random.nextInt(CELLS - from + 1);
                assertThat(counts.sum(from, to)).isEqualTo(sum(expected, from, to));
            }
        }
        for (int cell = 0; cell < CELLS; cell++) {
            assertThat(counts.get(cell)).as("cell %d", cell).isEqualTo(expected[cell]);
        }
        assertThat(expected[0]).isGreaterThan(255);
        assertThat(counts.sum(0, CELLS)).isEqualTo(sum(expected, 0, CELLS));
    }

    @Test
    void holdsTheLargestCountAndZeroOnCellsNeverCounted() {
        CellCounts counts = new CellCounts(CELLS);

        counts.set(999, Character.MAX_VALUE);
        counts.set(998, 3);
        counts.set(5, 0);

        assertThat(counts.get(999)).isEqualTo(Character.MAX_VALUE);
        assertThat(counts.get(998)).isEqualTo(3);
        assertThat(counts.get(997)).isZero();
        assertThat(counts.get(5)).isZero();
        assertThat(counts.sum(0, CELLS)).isEqualTo(Character.MAX_VALUE + 3);
    }

    @Test
    void builtFromAnArrayAnswersAsThatArrayAndCountsOnFromThere() {
        int[] expected = new int[CELLS];
        SplittableRandom random = new SplittableRandom(11);
        for (int cell = 0; cell < CELLS; cell++) {
            // Whole pages of zeros, pages of bytes, and a few counts past a byte.
            expected[cell] =
                    cell / 32 % 3 == 0 ? 0 : cell % 97 == 0 ? 300 + cell : random.nextInt(256);
        }
        expected[CELLS - 1] = Character.MAX_VALUE;

        CellCounts counts = CellCounts.of(expected);
        for (int step = 0; step < 20_000; step++) {
            int cell = random.nextInt(CELLS);
            if (expected[cell] < Character.MAX_VALUE) {
                counts.increment(cell);
                expected[cell]++;
            }
        }

        for (int cell = 0; cell < CELLS; cell++) {
            assertThat(counts.get(cell)).as("cell %d", cell).isEqualTo(expected[cell]);
        }
        for (int from = 0; from < CELLS; from += 37) {
            assertThat(counts.sum(from, CELLS)).isEqualTo(sum(expected, from, CELLS));
        }
    }

    @Test
    void builtFromAnArrayWhosePagesStartWithZeros() {
        int[] expected = new int[64];
        expected[1] = 300;
        expected[32] = 5;
        CellCounts counts = CellCounts.of(expected);
        for (int cell = 0; cell < expected.length; cell++) {
            assertThat(counts.get(cell)).as("cell %d", cell).isEqualTo(expected[cell]);
        }
    }

    @Test
    void pagesThatReturnToZeroAndWidenedPagesGiveTheirRoomToOthersWithoutLeavingCounts() {
        CellCounts counts = new CellCounts(CELLS);
        int[] expected = new int[CELLS];
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 300; round++) {
            // A few pages in use at a time, emptied and refilled elsewhere; some widen.
            int first = random.nextInt(CELLS - 40);
            for (int cell = first; cell < first + 40; cell++) {
                int count = random.nextInt(8) == 0 ? 256 + random.nextInt(1000) : random.nextInt(3);
                counts.set(cell, count);
                expected[cell] = count;
            }
            int emptied = random.nextInt(CELLS - 80);
            for (int cell = emptied; cell < emptied + 80; cell++) {
                while (expected[cell] > 0) {
                    counts.decrement(cell);
                    expected[cell]--;
                }
            }
            for (int cell = 0; cell < CELLS; cell += 7) {
                assertThat(counts.get(cell)).as("cell %d", cell).isEqualTo(expected[cell]);
            }
            assertThat(counts.sum(0, CELLS)).isEqualTo(sum(expected, 0, CELLS));
        }
        for (int cell = 0; cell < CELLS; cell++) {
            assertThat(counts.get(cell)).as("cell %d", cell).isEqualTo(expected[cell]);
        }
    }

    @Test
    void sumsEveryRangeOfBytePagesUpToTheirLargestCounts() {
        CellCounts counts = new CellCounts(CELLS);
        int[] expected = new int[CELLS];
        SplittableRandom random = new SplittableRandom(11);
        // Three pages: every count 255, random bytes, and a page that widened to chars.
        for (int cell = 0; cell < 96; cell++) {
            expected[cell] =
                    cell < 32 ? 255 : cell < 64 ? random.nextInt(256) : random.nextInt(300);
            counts.set(cell, expected[cell]);
        }
        for (int from = 0; from <= 96; from++) {
            for (int to = from; to <= 96; to++) {
                assertThat(counts.sum(from, to))
                        .as("cells %d to %d", from, to)
                        .isEqualTo(sum(expected, from, to));
            }
        }
    }

    private static int sum(int[] counts, int from, int to) {
        int total = 0;
        for (int cell = from; cell < to; cell++) {
            total += counts[cell];
        }
        return total;
    }
}
