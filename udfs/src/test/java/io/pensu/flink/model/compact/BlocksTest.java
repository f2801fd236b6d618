package io.pensu.flink.model.compact;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BlocksTest {

    private static final int OWNERS = 300;

    @ParameterizedTest(name = "grows often: {0}")
    @ValueSource(booleans = {true, false})
    void keepsEveryListThroughGrowthAndChurnAndReusesItsArrayOnceTheTotalIsSteady(
            boolean growsOften) {
        IntBlocks blocks = new IntBlocks(OWNERS, growsOften);
        List<List<Integer>> expected = new ArrayList<>();
        for (int o = 0; o < OWNERS; o++) {
            expected.add(new ArrayList<>());
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int step = 0; step < 30_000; step++) {
            insert(blocks, expected, random);
        }
        assertSame(blocks, expected);

        int[] array = blocks.values;
        int newArrays = 0;
        for (int step = 0; step < 400_000; step++) {
            // A steady total: every value added takes the place of one removed elsewhere.
            remove(blocks, expected, random);
            insert(blocks, expected, random);
            if (step % 50_000 == 0) {
                assertSame(blocks, expected);
            }
            if (blocks.values != array) {
                array = blocks.values;
                newArrays += step >= 200_000 ? 1 : 0;
            }
        }
        assertSame(blocks, expected);
        // The lists are squeezed thousands of times in the second half; a new array each time
        // (a live one for the garbage collector) is what squeezing in place avoids.
        assertThat(newArrays).as("new arrays in the second half of the churn").isLessThan(25);
    }

    private static void insert(
            IntBlocks blocks, List<List<Integer>> expected, SplittableRandom random) {
        // Owners used unevenly, as cells are: a few long lists, many short ones.
        int owner = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(OWNERS);
        int value = random.nextInt(1_000_000);
        blocks.insertSorted(owner, value);
        List<Integer> list = expected.get(owner);
        int at = Collections.binarySearch(list, value);
        list.add(at < 0 ? -at - 1 : at, value);
    }

    private static void remove(
            IntBlocks blocks, List<List<Integer>> expected, SplittableRandom random) {
        int owner;
        do {
            owner = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(OWNERS);
        } while (expected.get(owner).isEmpty());
        List<Integer> list = expected.get(owner);
        int value = list.remove(random.nextInt(list.size()));
        assertThat(blocks.removeSorted(owner, value)).isTrue();
    }

    private static void assertSame(IntBlocks blocks, List<List<Integer>> expected) {
        for (int o = 0; o < OWNERS; o++) {
            List<Integer> actual = new ArrayList<>();
            for (int i = 0; i < blocks.count(o); i++) {
                actual.add(blocks.values[blocks.start(o) + i]);
            }
            assertThat(actual).as("owner %d", o).isEqualTo(expected.get(o));
        }
    }
}
