package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DendritesTest {

    private static final int CELLS = 100;

    /** Every permanence from 1 unit up, so that the tests can set any: code = units - 1. */
    private static final PermanenceCodes EVERY_PERMANENCE =
            PermanenceCodes.of(new PermanenceCodes.Steps(1, 1, 1, 0, Permanence.ONE / 2));

    private final Dendrites dendrites = dendrites(CharSynapseIndex.SEGMENT_IDS);

    private static Dendrites dendrites(int charIndexSegmentIds) {
        return new Dendrites(CELLS / 4, 4, 3, 8, EVERY_PERMANENCE, charIndexSegmentIds);
    }

    @Test
    void aFullCellGivesUpItsLeastRecentlyUsedSegment() {
        int first = dendrites.createSegment(7, 1);
        int second = dendrites.createSegment(7, 2);
        int third = dendrites.createSegment(7, 3);
        dendrites.markUsed(first, 4);

        int fourth = dendrites.createSegment(7, 5);

        assertThat(dendrites.segmentsOf(7)).isEqualTo(3);
        assertThat(fourth).isEqualTo(second);
        assertThat(dendrites.isLive(first)).isTrue();
        assertThat(dendrites.isLive(third)).isTrue();
    }

    /**
     * Over budget, the segments that learned nothing since they were grown go first, oldest first,
     * even before a learned segment that was last used earlier; then the least recently used.
     */
    @Test
    void overBudgetDestroysSegmentsThatNeverLearnedBeforeTheLeastRecentlyUsed() {
        Dendrites dendrites =
                new Dendrites(
                        CELLS / 4,
                        4,
                        3,
                        8,
                        PermanenceCodes.of(
                                new PermanenceCodes.Steps(50, 10, 10, 0, Permanence.ONE / 2)));
        int initial = 50;
        int learnedLongAgo = dendrites.createSegment(0, 1);
        addSynapsesWithPermanences(
                dendrites, learnedLongAgo, initial + 10, initial, initial, initial);
        int olderOneShot = dendrites.createSegment(4, 2);
        addSynapsesWithPermanences(dendrites, olderOneShot, initial, initial, initial, initial);
        int newerOneShot = dendrites.createSegment(8, 3);
        addSynapsesWithPermanences(dendrites, newerOneShot, initial, initial, initial, initial);
        int learnedRecently = dendrites.createSegment(12, 4);
        addSynapsesWithPermanences(
                dendrites, learnedRecently, initial, initial - 10, initial + 10, initial);
        dendrites.markUsed(learnedRecently, 5);

        dendrites.keepWithin(12);

        assertThat(dendrites.isLive(olderOneShot)).isFalse();
        assertThat(dendrites.isLive(newerOneShot)).isFalse();
        assertThat(dendrites.isLive(learnedLongAgo)).isTrue();
        assertThat(dendrites.synapseCount()).isEqualTo(8);

        dendrites.keepWithin(7);

        assertThat(dendrites.isLive(learnedLongAgo)).isFalse();
        assertThat(dendrites.isLive(learnedRecently)).isTrue();
        assertThat(dendrites.synapseCount()).isEqualTo(4);
    }

    private static void addSynapsesWithPermanences(
            Dendrites dendrites, int segment, int... permanences) {
        dendrites.reserve(segment, permanences.length);
        for (int k = 0; k < permanences.length; k++) {
            dendrites.addSynapse(segment, 40 + k, dendrites.codes().codeOf(permanences[k]));
        }
    }

    @Test
    void keepsEverySegmentsSynapsesInOrderWhileSegmentsGrowAndMove() {
        List<Integer> segments = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int cell = 0; cell < CELLS; cell++) {
                if (round == 0) {
                    segments.add(dendrites.createSegment(cell, 0));
                }
                int segment = segments.get(cell);
                dendrites.reserve(segment, 2);
                dendrites.addSynapse(segment, presynaptic(cell, 2 * round), round);
                dendrites.addSynapse(segment, presynaptic(cell, 2 * round + 1), round);
            }
        }
        for (int cell = 0; cell < CELLS; cell++) {
            dendrites.removeSynapse(segments.get(cell), 0);
        }

        for (int cell = 0; cell < CELLS; cell++) {
            assertThat(synapses(dendrites, segments.get(cell)))
                    .containsExactly(
                            synapse(cell, 1, 1),
                            synapse(cell, 2, 2),
                            synapse(cell, 3, 2),
                            synapse(cell, 4, 3),
                            synapse(cell, 5, 3),
                            synapse(cell, 6, 4),
                            synapse(cell, 7, 4));
        }
        assertThat(dendrites.synapseCount()).isEqualTo(7 * CELLS);
    }

    @Test
    void readsBackSegmentIdsFreeListAndSynapses() throws IOException {
        int kept = dendrites.createSegment(1, 1);
        int freed = dendrites.createSegment(2, 1);
        dendrites.reserve(kept, 1);
        dendrites.addSynapse(kept, 42, 98);
        dendrites.destroySegment(freed);

        Dendrites restored = roundTrip(dendrites);

        assertThat(synapses(restored, kept)).containsExactly(42 << 12 | 99);
        assertThat(restored.isLive(freed)).isFalse();
        assertThat(restored.createSegment(3, 2)).isEqualTo(freed);
        assertThat(restored.segmentsOf(1)).isEqualTo(1);
    }

    @Test
    void countsEachSegmentsSynapsesFromActiveCellsThroughTheIndex() throws IOException {
        int a = dendrites.createSegment(0, 1);
        int b = dendrites.createSegment(1, 1);
        int c = dendrites.createSegment(2, 1);
        addSynapses(a, 5, 6, 9, 11, 40);
        addSynapses(b, 6, 7, 41);
        addSynapses(c, 8, 9);
        dendrites.removeSynapse(b, 1); // 7
        dendrites.destroySegment(c);
        int[] active = {5, 6, 7, 9, 11, 41}; // 11: the last cell of its column

        assertThat(activeSynapses(dendrites, active)).containsExactly(4, 2, 0);
        assertThat(activeSynapses(roundTrip(dendrites), active)).containsExactly(4, 2, 0);
    }

    @Test
    void countsTheSameInTheCharIndexTheIntIndexAndAcrossTheSwitchFromOneToTheOther()
            throws IOException {
        Dendrites chars = dendrites(CharSynapseIndex.SEGMENT_IDS);
        Dendrites switching = dendrites(20);
        Dendrites ints = dendrites(0);
        SplittableRandom random = new SplittableRandom(12);
        changeAlikeCountingTheSame(random, 0, 3000, chars, switching, ints);
        assertThat(switching.segmentLimit()).isGreaterThan(30);
        int[] active = activeCells(random);
        assertThat(allActiveSynapses(roundTrip(switching), active))
                .isEqualTo(allActiveSynapses(chars, active));
        assertThat(allActiveSynapses(roundTrip(ints, 0), active))
                .isEqualTo(allActiveSynapses(chars, active));
    }

    /**
     * A restored index is laid out at once with its lists' spare room: it must go on growing and
     * shrinking as the original does, in either layout.
     */
    @Test
    void aRestoredIndexCountsTheSameAsTheOriginalAsBothChange() throws IOException {
        Dendrites chars = dendrites(CharSynapseIndex.SEGMENT_IDS);
        Dendrites ints = dendrites(0);
        SplittableRandom random = new SplittableRandom(5);
        changeAlikeCountingTheSame(random, 0, 1000, chars, ints);
        Dendrites restoredChars = roundTrip(chars);
        Dendrites restoredInts = roundTrip(ints, 0);
        changeAlikeCountingTheSame(random, 1000, 3000, chars, restoredChars, restoredInts);
    }

    /**
     * Steps {@code [from, to)} of the same random changes to each, and after each step the same
     * counts of active synapses as the first.
     */
    private static void changeAlikeCountingTheSame(
            SplittableRandom random, int from, int to, Dendrites expected, Dendrites... others) {
        for (int step = from; step < to; step++) {
            long seed = random.nextLong();
            change(expected, new SplittableRandom(seed), step);
            for (Dendrites dendrites : others) {
                change(dendrites, new SplittableRandom(seed), step);
            }
            int[] active = activeCells(random);
            List<Integer> counts = allActiveSynapses(expected, active);
            for (Dendrites dendrites : others) {
                assertThat(allActiveSynapses(dendrites, active)).isEqualTo(counts);
            }
        }
    }

    /** One random change: a new segment, a synapse more or less, or a segment destroyed. */
    private static void change(Dendrites dendrites, SplittableRandom random, int iteration) {
        int limit = dendrites.segmentLimit();
        int segment = limit == 0 ? 0 : random.nextInt(limit);
        int choice = random.nextInt(10);
        if (choice == 0 || limit == 0) {
            dendrites.createSegment(random.nextInt(CELLS), iteration);
        } else if (!dendrites.isLive(segment)) {
            return;
        } else if (choice == 1) {
            dendrites.destroySegment(segment);
        } else if (choice <= 3 && dendrites.count(segment) > 0) {
            dendrites.removeSynapse(segment, random.nextInt(dendrites.count(segment)));
        } else if (dendrites.count(segment) < 8) {
            int presynaptic = random.nextInt(CELLS);
            if (synapses(dendrites, segment).stream().noneMatch(s -> s >>> 12 == presynaptic)) {
                dendrites.reserve(segment, 1);
                dendrites.addSynapse(segment, presynaptic, random.nextInt(4000));
            }
        }
    }

    /** Some cells of some columns, and every cell of others (bursting). */
    private static int[] activeCells(SplittableRandom random) {
        return IntStream.range(0, CELLS / 4)
                .flatMap(
                        column ->
                                switch (random.nextInt(3)) {
                                    case 0 -> IntStream.range(4 * column, 4 * column + 4);
                                    case 1 ->
                                            IntStream.range(4 * column, 4 * column + 4)
                                                    .filter(cell -> random.nextBoolean());
                                    default -> IntStream.empty();
                                })
                .toArray();
    }

    private static List<Integer> allActiveSynapses(Dendrites dendrites, int[] activeCells) {
        SegmentCounts counts = countActiveSynapses(dendrites, activeCells);
        return IntStream.range(0, dendrites.segmentLimit()).map(counts::count).boxed().toList();
    }

    private void addSynapses(int segment, int... presynaptic) {
        dendrites.reserve(segment, presynaptic.length);
        for (int cell : presynaptic) {
            dendrites.addSynapse(segment, cell, 99);
        }
    }

    /** Active synapses of segments 0, 1 and 2. */
    private static List<Integer> activeSynapses(Dendrites dendrites, int[] activeCells) {
        SegmentCounts counts = countActiveSynapses(dendrites, activeCells);
        return List.of(counts.count(0), counts.count(1), counts.count(2));
    }

    /**
     * The counts of a second step, so that the first step's are left behind, and the segments
     * listed as having at least one active synapse: exactly those with a count.
     */
    private static SegmentCounts countActiveSynapses(Dendrites dendrites, int[] activeCells) {
        SegmentCounts counts = new SegmentCounts(1, CELLS);
        counts.startStep(dendrites.segmentLimit());
        dendrites.countActiveSynapses(IntStream.range(0, CELLS).toArray(), CELLS, counts);
        counts.startStep(dendrites.segmentLimit());
        dendrites.countActiveSynapses(activeCells, activeCells.length, counts);
        assertThat(
                        IntStream.range(0, counts.reachedCount())
                                .map(counts::reached)
                                .sorted()
                                .toArray())
                .isEqualTo(
                        IntStream.range(0, dendrites.segmentLimit())
                                .filter(s -> counts.count(s) > 0)
                                .toArray());
        return counts;
    }

    private static int presynaptic(int cell, int k) {
        return (cell * 8 + k) % CELLS;
    }

    private static int synapse(int cell, int k, int permanence) {
        return presynaptic(cell, k) << 12 | permanence;
    }

    /** The segment's synapses, each its presynaptic cell above 12 bits of permanence units. */
    private static List<Integer> synapses(Dendrites dendrites, int segment) {
        List<Integer> synapses = new ArrayList<>();
        for (int i = 0; i < dendrites.count(segment); i++) {
            int at = dendrites.start(segment) + i;
            synapses.add(
                    dendrites.synapses().cell(at) << 12
                            | dendrites.codes().units(dendrites.synapses().code(at)));
        }
        return synapses;
    }

    private static Dendrites roundTrip(Dendrites original) throws IOException {
        return roundTrip(original, CharSynapseIndex.SEGMENT_IDS);
    }

    /** Restored into an index that is a {@link CharSynapseIndex} up to that many segment ids. */
    private static Dendrites roundTrip(Dendrites original, int charIndexSegmentIds)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            original.writeTo(out);
        }
        Dendrites restored = dendrites(charIndexSegmentIds);
        restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return restored;
    }
}
