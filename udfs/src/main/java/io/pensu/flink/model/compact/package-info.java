/**
 * The compact HTM engine: the job's default ({@code PENSU_HTM_ENGINE=compact}), a second
 * implementation of the network htm.java runs, in flat primitive arrays.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Algorithm.</b> Written from Numenta's published descriptions (BAMI "Spatial Pooling
 * Algorithm Details" and "Temporal Memory Algorithm Details"), with NuPIC's choices where BAMI
 * leaves one: half of the potential synapses start connected, duty cycles over 1000 steps,
 * exponential boosting by {@code sp.boostStrength}, at most {@code tm.maxSynapsesPerSegment}
 * synapses with the weakest giving way, at most {@code tm.maxSegmentsPerCell} segments with the
 * least recently used giving way, and a segment whose last synapse is gone is destroyed.
 *
 * <p><b>Why it is the default.</b> Detection and prediction are as good as htm.java's (NAB within a
 * point either way, prediction error no worse), while a model costs about 1/29 of the heap, 1/34 of
 * the snapshot and 1/15 of the compute: a TaskManager has room for hundreds of live models instead
 * of a dozen, and a snapshot takes milliseconds instead of seconds (figures in docs/BENCHMARKS.md).
 * htm.java stays available and tested; a model keeps the engine it was created with (the engine id
 * is in its snapshot), so models in savepoints taken with htm.java continue with htm.java.
 *
 * <p><b>Layout.</b> All state is in primitive arrays, so a network is a few MB and its snapshot a
 * few block copies:
 *
 * <ul>
 *   <li>{@link ValueEncoder}: a random distributed scalar encoder as windows over one int array of
 *       random bit draws: bucket {@code b} is draws {@code [b, b+w)}, neighbours share {@code w-d}
 *       bits, buckets further apart than {@code w} share at most 2; drawn on demand outwards from
 *       the middle bucket (1000 buckets, as NuPIC).
 *   <li>{@link TimeOfDayEncoder}: periodic, {@code w} consecutive bits of a ring of {@code ceil(w x
 *       24 / radius)} bits (54 by default).
 *   <li>{@link SpatialPooler}: only the potential pools ({@link PotentialPools}, below),
 *       permanences in 12-bit fixed point (1/4094); duty cycles and boost factors as {@code
 *       double[]}. A pooler that does not learn ({@code sp.learn} 0) has neither: its pools are
 *       {@link FixedPools}, one copy per parameter set in the JVM, and not in its snapshot.
 *   <li>{@link TemporalMemory}: segments as ids into {@code int[]} arrays (cell, last used) with a
 *       free list; synapses as a {@code char} presynaptic cell and a {@code byte} permanence code
 *       each, 3 bytes ({@link SynapseBlocks}: the code is the permanence's rank among those the
 *       network's learning steps can reach, {@link PermanenceCodes}, 21 with the defaults, shared
 *       per parameter set; a network of more than 65,536 cells or 256 codes has a third byte with
 *       the high bits of both), in one list per segment ({@link Blocks}: blocks of parallel flat
 *       arrays, moved to the end when a list grows and squeezed when the end is reached); an index
 *       from presynaptic cell to the segments it feeds ({@link SynapseIndex}), derived (rebuilt on
 *       restore, never stored): one list per column of segment ids as {@code char}, the cells'
 *       ranges in order, and per cell its number of synapses ({@link CharSynapseIndex}); a network
 *       with more than 65,535 segment ids switches to an {@code int} per entry, the cell's place in
 *       its column above the segment id ({@link IntSynapseIndex}); the per-cell counts (segments
 *       per cell, the char index's synapses per cell) in {@link CellCounts}, pages of 32 cells that
 *       take room only once one of their cells counts and give it back when all return to 0, a byte
 *       a cell and a char past 255; previous active and winner cells as sorted {@code int[]} plus
 *       bitmaps.
 *   <li>{@link SplitMix64}: one random generator per network; its state is one long in the
 *       snapshot.
 * </ul>
 *
 * <p><b>Exact arithmetic.</b> Permanences are exact integers, so results are the same on every JVM.
 * NuPIC's default increments are whole multiples of the 12-bit step (0.0005 = 2 units, 0.003 = 12);
 * an increment too small for the step is refused rather than silently rounded to no learning.
 *
 * <p><b>Snapshot.</b> {@link CompactNetwork} format 6 holds: the format version, the network
 * parameters, the random state, the drawn encoder bits, the pooler's duty cycles, its potential
 * pools as a bitmap and their permanences packed 12 bits each, then the previous active and winner
 * cells and the segments and synapses, segment ids and free list exactly (ids order ties, so a
 * restored network must hand out the same ones). Every array is bit-packed at the width its largest
 * value needs ({@link io.pensu.flink.state.PackedArrays}), except the synapses' presynaptic cells,
 * in a canonical Huffman code of their own values ({@link io.pensu.flink.state.HuffmanArrays},
 * format 5): a few thousand cells feed most synapses, unevenly (machine_temperature: 11.7 bits a
 * cell instead of 16), and their permanences: the temporal memory's large increments leave about 20
 * of them, a few of them most synapses, and a segment's synapses learn together, so each is in a
 * Huffman code chosen by the permanence before it in its segment ({@link PermanenceChains}, format
 * 6: 2.4 bits instead of 12). Formats 1 (plain {@code int} arrays), 2 (the pools input-major), 3, 4
 * (the permanences as bit-packed indices into their distinct values) and 5 (the permanences in one
 * Huffman code) are still read.
 *
 * <p><b>Per-sample work follows the active cells.</b> The segments' activity is counted through the
 * column index ({@link SynapseIndex}): a bursting column's list whole, a predicted column's active
 * cells' ranges of it (from the cells' synapse counts). The counts ({@link SegmentCounts}) are
 * never cleared (a step's sit above a base that rises every step) and the counting itself lists the
 * segments that reach {@code tm.minThreshold}, so a step reads a few dozen segments rather than
 * every one an active cell touches (thousands in an old model); only those with at least {@code
 * tm.activationThreshold} synapses from active cells have their permanences read, and only until
 * the answer is known. Only the segments of the step's active columns are listed and sorted by cell
 * (the others are only punished, and only when {@code tm.predictedSegmentDecrement} is set).
 * Learning, where an old model spends most of a step, changes the synapse index on every synapse
 * grown or removed: a cell's range start adds up its column's earlier cells' byte counts eight at a
 * time, a segment over {@code tm.maxSynapsesPerSegment} finds the synapses that give way in one
 * pass, and a learning segment's permanences are updated in one loop over its block. The pooler's
 * per-column passes are kept cheap: duty cycles one arithmetic operation per pass over the arrays
 * (the JIT makes vector instructions of them; each value is rounded as in the one expression),
 * inhibition by a count of columns per overlap when boosting is off (the scores are then the
 * overlaps; with boosting, a heap), and a learning column's connected bits rebuilt a word at a time
 * without a branch per synapse. A pooler that does not learn updates the last step's overlaps by
 * the inputs that changed ({@link ColumnsByInput}, the fixed pools' columns per input, shared with
 * them), which a metric's next sample keeps to a few bits. The outputs are bit-identical to the
 * full scans and the simpler loops these replaced (hashes of every output over the NAB corpus,
 * docs/BENCHMARKS.md).
 *
 * <p><b>Growth.</b> What still grows with a network's age is learning: on noisy data every burst
 * grows a segment (in both engines), and in time a context has several that all become active and
 * all learn. NuPIC's bounds apply as the parameters say (32 synapses per segment, 128 segments per
 * cell), but with 65,536 cells they are far off; {@code tm.maxSynapses} bounds them (below).
 *
 * <p><b>Snapshot interval.</b> {@code PENSU_SNAPSHOT_INTERVAL_SAMPLES} (1000) trades a snapshot's
 * cost against the journal a rebuilt model replays after a restore, a rescale or a cache eviction.
 * With this engine both ends are cheap (a snapshot of ~2 MB in ~5 ms, a replay of up to 1000
 * samples in ~0.3 s); a shorter interval would write ten times the bytes into RocksDB and into
 * incremental checkpoints. The model cache size is the better lever, and a metric rebuilt for each
 * sample snapshots again after about {@code PENSU_SNAPSHOT_AFTER_REPLAY_SAMPLES} replayed samples.
 *
 * <h2>Model footprint: what a network holds and what bounds it</h2>
 *
 * <p>A network's size is its spatial pooler's synapses, which are fixed at creation, plus its
 * temporal memory's, which grow with the model's age unless {@code tm.maxSynapses} bounds them.
 *
 * <ul>
 *   <li><b>Spatial pooler</b> ({@link io.pensu.flink.model.compact.PotentialPools}): per column a
 *       bitmap of the inputs in its potential pool, a bitmap of the connected ones, and the pool's
 *       permanences at 12 bits each (two in three bytes, the snapshot's own layout). Bytes: {@code
 *       columns x inputs x (potentialPct x 1.5 + 0.25)}; with the defaults (2048 columns, 454
 *       inputs) 1.4 MB at potentialPct 0.8 and 0.85 MB at 0.4, against 1.9 MB for the dense char
 *       per (input, column) pair of snapshot formats 1 and 2. A column's overlap is the population
 *       count of its connected bitmap and the active inputs' bitmap, a few words; learning walks a
 *       winner's pool in order. The arithmetic on permanences is unchanged, so the outputs are.
 *   <li><b>Temporal memory</b> ({@link io.pensu.flink.model.compact.Dendrites}): 3 bytes a synapse
 *       (presynaptic cell and permanence code), a char per synapse in the index from presynaptic
 *       cell to segments (an int beyond 65,535 segment ids), an eighth of spare room in the index's
 *       lists, five ints per segment id (and two of the step's scratch) and, per used page of 32
 *       cells, a byte a cell for each of the two per-cell counts: 6.5 bytes a synapse on
 *       machine_temperature after 20,000 samples (7.5 with the int synapse, 11 with the int index
 *       and a quarter of spare room). NuPIC's limits (synapses per segment, segments per cell)
 *       bound it only at 65,536 cells x 128 segments x 32 synapses, so without a budget it grows
 *       with age: on NAB's machine_temperature 234,090 synapses after 5,000 samples, 688,843 (5.1
 *       MB) after 20,000 and 1,260,675 (9.1 MB) after 50,000, no segment ever destroyed (every
 *       burst grows one, on a cell of the column with the fewest). {@code tm.maxSynapses} (0: none,
 *       the default) is a budget per network: at the end of a step that left more synapses than
 *       that, segments are destroyed until a tenth of the budget is free: first those that learned
 *       nothing since they were grown (no synapse above the initial permanence: a context seen once
 *       and not again), oldest first, then the least recently used (under a budget a segment is
 *       used when it learns, not only when its connected synapses make it active). Recency alone
 *       cost NAB about two points at 65,536: it destroyed long-learned contexts to keep recent
 *       one-offs (docs/BENCHMARKS.md, "Bounding the temporal memory"). Worst case after any step:
 *       the budget's synapses, so about {@code 7.7 x tm.maxSynapses} bytes of heap and 2-3 bytes a
 *       synapse in a snapshot. A budget the network never reaches changes no output (unless a cell
 *       fills up to tm.maxSegmentsPerCell: which of its segments gives way then also counts
 *       learning as use). The synapse takes 3 bytes since 2026-12-08 (docs/BENCHMARKS.md, "A
 *       synapse in 3 bytes"): -1 byte a synapse, the same outputs, model compute within the noise
 *       of main's (its lists copied by typed {@code System.arraycopy} calls: two arrays copied by
 *       the generic stub had cost 9 %).
 * </ul>
 *
 * <p><b>What a model of the fleet configuration costs</b> ({@code sp.learn} 0, {@code
 * tm.maxSynapses} 131,072; machine_temperature; docs/BENCHMARKS.md, "A young model's fixed arrays"
 * and "Bytes per model part"): a young model only what it has learned (127 KB of heap after 15
 * samples, of which the temporal memory 97 KB), and after 20,000 samples 1,156 KB of heap and 351
 * KB of snapshot (JOL, "A synapse in 3 bytes"): the temporal memory 988 / 261 KB at 124,397
 * synapses (8.1 bytes of heap and 2.1 of snapshot a synapse, its per-segment-id arrays included),
 * the classifier 134 / 72 KB (its 2 x 32 x 512 float weights), the likelihood 10 / 7 KB (its raw
 * scores, and of the values only those the flat-metric test can still need), the rest 15 / 3 KB.
 * Issue 12's 1 MB of heap would take 156 KB more: the index's spare room (about 60 KB), the
 * classifier's weights, or a smaller budget (65,536 synapses, before the changes of "Bytes per
 * synapse": 911 / 327 KB, about four NAB points on half A); its 300 KB of snapshot, fewer bits for
 * the synapses' presynaptic cells (182 KB at 11.7 bits) or a smaller budget.
 *
 * <p>Snapshot format 3 writes the pools column by column (bitmap, then the packed permanences as
 * they are in memory); formats 1 and 2 (input-major) are read and converted, and continue exactly.
 */
package io.pensu.flink.model.compact;
