package io.pensu.flink.model.compact;

import io.pensu.flink.model.NetworkParameters;
import io.pensu.flink.state.PackedArrays;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Temporal memory as in Numenta's BAMI "Temporal Memory Algorithm Details": predicted columns
 * activate their predicted cells, other active columns burst and pick a winner cell (best matching
 * segment, else the cell with fewest segments), learning segments reinforce synapses from the
 * previously active cells and grow synapses to the previous winner cells, and matching segments of
 * columns that did not become active are punished. With NuPIC's limits: at most {@code
 * maxSynapsesPerSegment} synapses (the weakest give way) and {@code maxSegmentsPerCell} segments
 * (the least recently used gives way); and, when {@code tm.maxSynapses} is set, at most that many
 * synapses in all (at the end of a step the segments that never learned again since they were grown
 * give way, then the least recently used, see {@link Dendrites#keepWithin}), so that a model's size
 * stops growing with its age.
 *
 * <p>The segments' activity is computed at the start of a step from the previous step's active
 * cells, so the state between steps is just those cells, the previous winner cells and the
 * segments.
 */
final class TemporalMemory {

    private final int cellsPerColumn;
    private final int activationThreshold;
    private final int minThreshold;
    private final int newSynapseCount;
    private final int maxSynapsesPerSegment;
    private final int maxSynapses;
    private final boolean punishes;
    private final boolean anomalyCountsPotentialSynapses;
    private final SplitMix64 random;
    private final Dendrites dendrites;

    private int iteration;
    private int[] activeCells;
    private int activeCount;
    private int[] winnerCells;
    private int winnerCount;
    private final long[] activeCellBits;
    private final long[] winnerCellBits;
    private final long[] activeColumnBits;

    // Scratch space of one step.
    private int[] nextActive;
    private int nextActiveCount;
    private int[] nextWinners;
    private int nextWinnerCount;
    private int[] candidates;
    private final SegmentCounts segmentPotential;
    private long[] activeSegments = new long[64];
    private int activeSegmentCount;
    private long[] matchingSegments = new long[64];
    private int matchingSegmentCount;
    private long[] weakest = new long[0];

    TemporalMemory(NetworkParameters p, SplitMix64 random) {
        int cells = p.columnCount() * p.cellsPerColumn();
        this.cellsPerColumn = p.cellsPerColumn();
        this.activationThreshold = p.activationThreshold();
        this.minThreshold = p.minThreshold();
        this.newSynapseCount = p.newSynapseCount();
        this.maxSynapsesPerSegment = p.maxSynapsesPerSegment();
        this.maxSynapses = p.maxSynapses();
        int punishment =
                Permanence.step(p.predictedSegmentDecrement(), "tm.predictedSegmentDecrement");
        this.punishes = punishment > 0;
        this.anomalyCountsPotentialSynapses = p.anomalyCountsPotentialSynapses() == 1;
        this.random = random;
        this.dendrites =
                new Dendrites(
                        p.columnCount(),
                        cellsPerColumn,
                        p.maxSegmentsPerCell(),
                        p.maxSynapsesPerSegment(),
                        PermanenceCodes.of(
                                new PermanenceCodes.Steps(
                                        Permanence.units(p.initialPermanence()),
                                        Permanence.step(
                                                p.permanenceIncrement(), "tm.permanenceIncrement"),
                                        Permanence.step(
                                                p.permanenceDecrement(), "tm.permanenceDecrement"),
                                        punishment,
                                        Permanence.units(p.tmConnectedPermanence()))));
        int mostActive = p.activeColumnsPerInhArea() * cellsPerColumn;
        this.activeCells = new int[mostActive];
        this.nextActive = new int[mostActive];
        // Winners are about one a column (more only where a column has several predicted cells):
        // their arrays grow when needed rather than hold room for every active cell.
        this.winnerCells = new int[p.activeColumnsPerInhArea()];
        this.nextWinners = new int[p.activeColumnsPerInhArea()];
        this.candidates = new int[p.activeColumnsPerInhArea()];
        this.segmentPotential = new SegmentCounts(minThreshold, mostActive);
        this.activeCellBits = new long[(cells + 63) / 64];
        this.winnerCellBits = new long[(cells + 63) / 64];
        this.activeColumnBits = new long[(p.columnCount() + 63) / 64];
    }

    /**
     * One step with learning.
     *
     * @param activeColumns this step's active columns, ascending
     * @return how many of them the previous step predicted: had an active segment or, when the
     *     anomaly counts potential synapses, a segment with enough active synapses of any
     *     permanence (the backtracking TM's readout, so that a transition counts as predicted once
     *     it has been learned, before its synapses are reinforced to connected)
     */
    int compute(int[] activeColumns) {
        iteration++;
        for (int column : activeColumns) {
            flip(activeColumnBits, column, true);
        }
        activateSegments();
        for (int column : activeColumns) {
            flip(activeColumnBits, column, false);
        }
        nextActiveCount = 0;
        nextWinnerCount = 0;
        int predicted = 0;
        int a = 0;
        int m = 0;
        for (int column : activeColumns) {
            m = punishUntil(m, column);
            a = skipUntil(activeSegments, activeSegmentCount, a, column);
            int activeEnd = skipUntil(activeSegments, activeSegmentCount, a, column + 1);
            int matchingEnd = skipUntil(matchingSegments, matchingSegmentCount, m, column + 1);
            if (activeEnd > a
                    || anomalyCountsPotentialSynapses && potentiallyActive(m, matchingEnd)) {
                predicted++;
            }
            if (activeEnd > a) {
                activatePredictedColumn(a, activeEnd);
            } else {
                burstColumn(column, m, matchingEnd);
            }
            a = activeEnd;
            m = matchingEnd;
        }
        punishUntil(m, Integer.MAX_VALUE);
        advance();
        dendrites.keepWithin(maxSynapses);
        return predicted;
    }

    /**
     * Counts, for every segment, its synapses from the previous step's active cells: connected ones
     * make a segment active, any make it matching. Only segments with a synapse from an active cell
     * are visited, and only those with enough of them to match are read (the counting lists them).
     * Only the segments of this step's active columns are listed (and sorted), as only those are
     * used, unless matching segments elsewhere are punished.
     */
    private void activateSegments() {
        activeSegmentCount = 0;
        matchingSegmentCount = 0;
        segmentPotential.startStep(dendrites.segmentLimit());
        dendrites.countActiveSynapses(activeCells, activeCount, segmentPotential);
        SynapseBlocks synapses = dendrites.synapses();
        int connected = dendrites.codes().connected();
        for (int k = 0; k < segmentPotential.reachedCount(); k++) {
            int s = segmentPotential.reached(k);
            int potential = segmentPotential.count(s);
            int cell = dendrites.cell(s);
            boolean inActiveColumn = isSet(activeColumnBits, cell / cellsPerColumn);
            long key = (long) cell << 32 | s;
            if (inActiveColumn || punishes) {
                matchingSegments = append(matchingSegments, matchingSegmentCount++, key);
            }
            if (potential >= activationThreshold
                    && hasConnectedActive(synapses, connected, s, potential)) {
                dendrites.markUsed(s, iteration);
            }
        }
        Arrays.sort(matchingSegments, 0, matchingSegmentCount);
        // The active segments of active columns are among the matching ones, which are sorted by
        // now: taken from them in order, they need no sort of their own. Only this step's
        // activation has marked a segment used in this iteration yet.
        for (int k = 0; k < matchingSegmentCount; k++) {
            long key = matchingSegments[k];
            if (dendrites.lastUsed(segmentOf(key)) == iteration
                    && (!punishes || isSet(activeColumnBits, columnOf(key)))) {
                activeSegments = append(activeSegments, activeSegmentCount++, key);
            }
        }
    }

    /** Whether one of the matching segments {@code [from, to)} has enough potential synapses. */
    private boolean potentiallyActive(int from, int to) {
        for (int i = from; i < to; i++) {
            if (segmentPotential.count(segmentOf(matchingSegments[i])) >= activationThreshold) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the segment has {@code activationThreshold} connected synapses (codes from {@code
     * connected} up) from active cells, of its {@code potential} synapses from active cells: it
     * stops reading once the answer is known.
     */
    private boolean hasConnectedActive(
            SynapseBlocks synapses, int connected, int segment, int potential) {
        int connectedActive = 0;
        int stillPossible = potential;
        for (int i = dendrites.start(segment), end = i + dendrites.count(segment); i < end; i++) {
            if (isSet(activeCellBits, synapses.cell(i))) {
                if (synapses.code(i) >= connected) {
                    if (++connectedActive == activationThreshold) {
                        return true;
                    }
                } else if (--stillPossible < activationThreshold) {
                    return false;
                }
            }
        }
        return false;
    }

    private static long[] append(long[] keys, int at, long key) {
        long[] target = at < keys.length ? keys : Arrays.copyOf(keys, keys.length * 2);
        target[at] = key;
        return target;
    }

    private static int segmentOf(long key) {
        return (int) key;
    }

    private int columnOf(long key) {
        return (int) (key >>> 32) / cellsPerColumn;
    }

    /** The first index from {@code from} whose segment lies in {@code column} or after it. */
    private int skipUntil(long[] keys, int count, int from, int column) {
        int i = from;
        while (i < count && columnOf(keys[i]) < column) {
            i++;
        }
        return i;
    }

    private int punishUntil(int from, int column) {
        int end = skipUntil(matchingSegments, matchingSegmentCount, from, column);
        if (punishes) {
            for (int i = from; i < end; i++) {
                punish(segmentOf(matchingSegments[i]));
            }
        }
        return end;
    }

    private void activatePredictedColumn(int from, int to) {
        int previousCell = -1;
        for (int i = from; i < to; i++) {
            int segment = segmentOf(activeSegments[i]);
            int cell = dendrites.cell(segment);
            if (cell != previousCell) {
                nextActive[nextActiveCount++] = cell;
                addWinner(cell);
                previousCell = cell;
            }
            learn(segment, newSynapseCount - segmentPotential.count(segment));
        }
    }

    private void burstColumn(int column, int matchingFrom, int matchingTo) {
        int firstCell = column * cellsPerColumn;
        for (int k = 0; k < cellsPerColumn; k++) {
            nextActive[nextActiveCount++] = firstCell + k;
        }
        int winner;
        if (matchingTo > matchingFrom) {
            int best = segmentOf(matchingSegments[matchingFrom]);
            for (int i = matchingFrom + 1; i < matchingTo; i++) {
                int segment = segmentOf(matchingSegments[i]);
                if (segmentPotential.count(segment) > segmentPotential.count(best)) {
                    best = segment;
                }
            }
            winner = dendrites.cell(best);
            learn(best, newSynapseCount - segmentPotential.count(best));
        } else {
            winner = leastUsedCell(firstCell);
            int grow = Math.min(newSynapseCount, winnerCount);
            if (grow > 0) {
                growSynapses(dendrites.createSegment(winner, iteration), grow);
            }
        }
        addWinner(winner);
    }

    private void addWinner(int cell) {
        if (nextWinnerCount == nextWinners.length) {
            nextWinners = Arrays.copyOf(nextWinners, 2 * nextWinners.length);
        }
        nextWinners[nextWinnerCount++] = cell;
    }

    /** A random one of the column's cells with the fewest segments. */
    private int leastUsedCell(int firstCell) {
        int fewest = Integer.MAX_VALUE;
        int ties = 0;
        for (int cell = firstCell; cell < firstCell + cellsPerColumn; cell++) {
            int segments = dendrites.segmentsOf(cell);
            if (segments < fewest) {
                fewest = segments;
                ties = 1;
            } else if (segments == fewest) {
                ties++;
            }
        }
        int pick = random.nextInt(ties);
        for (int cell = firstCell; ; cell++) {
            if (dendrites.segmentsOf(cell) == fewest && pick-- == 0) {
                return cell;
            }
        }
    }

    /**
     * Reinforces the segment's synapses from active cells, weakens the others, then grows. Under a
     * budget, a segment that learns counts as used even before its synapses connect (the potential
     * readout already counts it as a prediction), so that the budget keeps it; without one, a
     * segment is used only when active, as in NuPIC, and the state is what it always was.
     */
    private void learn(int segment, int grow) {
        if (maxSynapses > 0) {
            dendrites.markUsed(segment, iteration);
        }
        // Removing a synapse shifts the segment's list within its block, which stays where it is:
        // the arrays, the start and a count kept here stay valid.
        SynapseBlocks synapses = dendrites.synapses();
        PermanenceCodes codes = dendrites.codes();
        int start = dendrites.start(segment);
        int count = dendrites.count(segment);
        for (int i = 0; i < count; ) {
            int code = synapses.code(start + i);
            int changed =
                    isSet(activeCellBits, synapses.cell(start + i))
                            ? codes.reinforced(code)
                            : codes.weakened(code);
            if (changed != PermanenceCodes.REMOVED) {
                synapses.setCode(start + i, changed);
                i++;
            } else {
                dendrites.removeSynapse(segment, i);
                count--;
            }
        }
        if (count == 0) {
            dendrites.destroySegment(segment);
        } else if (grow > 0) {
            growSynapses(segment, grow);
        }
    }

    private void punish(int segment) {
        SynapseBlocks synapses = dendrites.synapses();
        PermanenceCodes codes = dendrites.codes();
        int start = dendrites.start(segment);
        for (int i = 0; i < dendrites.count(segment); ) {
            if (!isSet(activeCellBits, synapses.cell(start + i))) {
                i++;
            } else {
                int punished = codes.punished(synapses.code(start + i));
                if (punished == PermanenceCodes.REMOVED) {
                    dendrites.removeSynapse(segment, i);
                } else {
                    synapses.setCode(start + i, punished);
                    i++;
                }
            }
        }
        if (dendrites.count(segment) == 0) {
            dendrites.destroySegment(segment);
        }
    }

    /**
     * Adds synapses from up to {@code wanted} random previous winner cells the segment has no
     * synapse from yet, first removing its weakest synapses (not from winner cells) when it would
     * exceed its maximum.
     */
    private void growSynapses(int segment, int wanted) {
        int start = dendrites.start(segment);
        int count = dendrites.count(segment);
        // Hide the winners the segment already has, collect the rest, then show them again.
        SynapseBlocks synapses = dendrites.synapses();
        for (int i = start; i < start + count; i++) {
            flip(winnerCellBits, synapses.cell(i), false);
        }
        if (candidates.length < winnerCount) {
            candidates = new int[winnerCells.length];
        }
        int candidateCount = 0;
        for (int k = 0; k < winnerCount; k++) {
            if (isSet(winnerCellBits, winnerCells[k])) {
                candidates[candidateCount++] = winnerCells[k];
            }
        }
        for (int k = 0; k < winnerCount; k++) {
            flip(winnerCellBits, winnerCells[k], true);
        }
        int grow = Math.min(wanted, candidateCount);
        int overrun = count + grow - maxSynapsesPerSegment;
        if (overrun > 0) {
            removeWeakest(segment, overrun);
        }
        grow = Math.min(grow, maxSynapsesPerSegment - dendrites.count(segment));
        dendrites.reserve(segment, grow);
        for (int k = 0; k < grow; k++) {
            int pick = random.nextInt(candidateCount);
            dendrites.addSynapse(segment, candidates[pick], dendrites.codes().initial());
            candidates[pick] = candidates[--candidateCount];
        }
    }

    /**
     * Removes the {@code howMany} weakest synapses not from winner cells, the earlier first among
     * equals: what removing the weakest one at a time would remove, found in one pass and a sort of
     * at most a segment's synapses instead of a pass per synapse removed.
     */
    private void removeWeakest(int segment, int howMany) {
        int start = dendrites.start(segment);
        int count = dendrites.count(segment);
        if (weakest.length < count) {
            weakest = new long[count];
        }
        int candidateCount = 0;
        SynapseBlocks synapses = dendrites.synapses();
        for (int i = 0; i < count; i++) {
            if (!isSet(winnerCellBits, synapses.cell(start + i))) {
                // Codes order as their permanences do.
                weakest[candidateCount++] = (long) synapses.code(start + i) << 32 | i;
            }
        }
        Arrays.sort(weakest, 0, candidateCount);
        int removed = Math.min(howMany, candidateCount);
        for (int k = 0; k < removed; k++) {
            weakest[k] = (int) weakest[k];
        }
        // The last position first, so that the others stay where they are.
        Arrays.sort(weakest, 0, removed);
        for (int k = removed - 1; k >= 0; k--) {
            dendrites.removeSynapse(segment, (int) weakest[k]);
        }
    }

    /** This step's cells become the previous step's. */
    private void advance() {
        // The bitmaps hold only these cells: clearing the words they are in clears them all.
        for (int k = 0; k < activeCount; k++) {
            activeCellBits[activeCells[k] >>> 6] = 0;
        }
        for (int k = 0; k < winnerCount; k++) {
            winnerCellBits[winnerCells[k] >>> 6] = 0;
        }
        int[] swap = activeCells;
        activeCells = nextActive;
        nextActive = swap;
        activeCount = nextActiveCount;
        swap = winnerCells;
        winnerCells = nextWinners;
        nextWinners = swap;
        winnerCount = nextWinnerCount;
        markCells();
    }

    private void markCells() {
        for (int k = 0; k < activeCount; k++) {
            flip(activeCellBits, activeCells[k], true);
        }
        for (int k = 0; k < winnerCount; k++) {
            flip(winnerCellBits, winnerCells[k], true);
        }
    }

    private static boolean isSet(long[] bits, int index) {
        return (bits[index >>> 6] & 1L << index) != 0;
    }

    private static void flip(long[] bits, int index, boolean on) {
        if (on) {
            bits[index >>> 6] |= 1L << index;
        } else {
            bits[index >>> 6] &= ~(1L << index);
        }
    }

    int synapseCount() {
        return dendrites.synapseCount();
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(iteration);
        PackedArrays.writeInts(out, activeCells, 0, activeCount);
        PackedArrays.writeInts(out, winnerCells, 0, winnerCount);
        dendrites.writeTo(out);
    }

    /** Reads a snapshot of {@code formatVersion} (of {@link CompactNetwork}). */
    static TemporalMemory readFrom(
            DataInput in, NetworkParameters p, SplitMix64 random, int formatVersion)
            throws IOException {
        TemporalMemory memory = new TemporalMemory(p, random);
        memory.iteration = in.readInt();
        int[] active = PackedArrays.readInts(in);
        int[] winners = PackedArrays.readInts(in);
        if (active.length > memory.activeCells.length
                || winners.length > memory.activeCells.length) {
            throw new IOException("temporal memory snapshot does not fit its parameters");
        }
        System.arraycopy(active, 0, memory.activeCells, 0, active.length);
        memory.winnerCells =
                Arrays.copyOf(winners, Math.max(winners.length, memory.winnerCells.length));
        memory.activeCount = active.length;
        memory.winnerCount = winners.length;
        memory.markCells();
        if (formatVersion == 1) {
            memory.dendrites.readFormat1From(in);
        } else if (formatVersion < CompactNetwork.HUFFMAN_SYNAPSES_VERSION) {
            memory.dendrites.readFormat2From(in);
        } else if (formatVersion == CompactNetwork.HUFFMAN_SYNAPSES_VERSION) {
            memory.dendrites.readFormat5From(in);
        } else {
            memory.dendrites.readFrom(in);
        }
        return memory;
    }
}
