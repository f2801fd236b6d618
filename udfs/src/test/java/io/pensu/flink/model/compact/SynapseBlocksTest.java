package io.pensu.flink.model.compact;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SynapseBlocksTest {

    private static final int OWNERS = 200;

    /**
     * Lists that grow, shrink, change codes and are emptied, moved to the end and squeezed many
     * times, keep every synapse in order, in 3 bytes a synapse and in the wide layout's 4, whose
     * cells (up to 2^20) and codes (up to 2^12) take their high bits from the third array.
     */
    @ParameterizedTest(name = "wide: {0}")
    @ValueSource(booleans = {false, true})
    void keepsEverySynapseThroughMovesSqueezesAndRestores(boolean wide) {
        int cells = wide ? SynapseBlocks.MAX_CELLS : 1 << 16;
        int codes = wide ? 1 << 12 : 1 << 8;
        SynapseBlocks blocks = new SynapseBlocks(wide);
        blocks.ensureOwners(OWNERS);
        List<List<long[]>> expected = new ArrayList<>();
        for (int o = 0; o < OWNERS; o++) {
            expected.add(new ArrayList<>());
        }
        SplittableRandom random = new SplittableRandom(3);
        Object firstArrays = blocks.cells;
        for (int step = 0; step < 200_000; step++) {
            int owner = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(OWNERS);
            List<long[]> list = expected.get(owner);
            int choice = random.nextInt(20);
            if (choice == 0) {
                blocks.clear(owner);
                list.clear();
            } else if (choice < 6 && !list.isEmpty()) {
                int index = random.nextInt(list.size());
                blocks.removeAt(owner, index);
                list.remove(index);
            } else if (choice < 10 && !list.isEmpty()) {
                int index = random.nextInt(list.size());
                int code = random.nextInt(codes);
                blocks.setCode(blocks.start(owner) + index, code);
                list.get(index)[1] = code;
            } else {
                int more = 1 + random.nextInt(3);
                blocks.reserve(owner, list.size() + more);
                for (int k = 0; k < more; k++) {
                    // The extremes too: the highest cell and code of the layout.
                    int cell = random.nextInt(8) == 0 ? cells - 1 : random.nextInt(cells);
                    int code = random.nextInt(8) == 0 ? codes - 1 : random.nextInt(codes);
                    blocks.add(owner, cell, code);
                    list.add(new long[] {cell, code});
                }
            }
        }
        assertThat(blocks.cells).as("moved to new arrays").isNotSameAs(firstArrays);
        assertSame(blocks, expected);

        blocks.pack();
        assertSame(blocks, expected);
        SynapseBlocks restored = new SynapseBlocks(wide);
        int[] lengths = new int[OWNERS];
        int total = blocks.total();
        int[] packedCells = new int[total];
        int[] packedCodes = new int[total];
        for (int o = 0, i = 0; o < OWNERS; o++) {
            lengths[o] = blocks.count(o);
            for (int k = 0; k < lengths[o]; k++, i++) {
                packedCells[i] = blocks.cell(blocks.start(o) + k);
                packedCodes[i] = blocks.code(blocks.start(o) + k);
            }
        }
        restored.unpack(lengths, packedCells, packedCodes);
        assertSame(restored, expected);
        assertThat(restored.high == null).isEqualTo(!wide);
    }

    private static void assertSame(SynapseBlocks blocks, List<List<long[]>> expected) {
        for (int o = 0; o < OWNERS; o++) {
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < blocks.count(o); i++) {
                int at = blocks.start(o) + i;
                actual.add(blocks.cell(at) + "/" + blocks.code(at));
            }
            assertThat(actual)
                    .as("owner %d", o)
                    .isEqualTo(expected.get(o).stream().map(s -> s[0] + "/" + s[1]).toList());
        }
    }
}
