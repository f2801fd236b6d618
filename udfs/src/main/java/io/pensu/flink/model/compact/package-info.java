/**
 * The compact HTM engine: encoders, spatial pooler, temporal memory and their snapshots.
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
 *   <li><b>Temporal memory</b> ({@link io.pensu.flink.model.compact.Dendrites}): an int per synapse
 *       (presynaptic cell and permanence) and an int per synapse in the index from presynaptic
 *       column to segments, plus five ints per segment id; about 12 bytes a synapse with the lists'
 *       spare room. NuPIC's limits (synapses per segment, segments per cell) bound it only at
 *       65,536 cells x 128 segments x 32 synapses, so without a budget it grows with age: 303,000
 *       synapses (3.6 MB) after 20,000 samples of a noisy daily cycle. {@code tm.maxSynapses} (0:
 *       none, the default) is a budget per network: at the end of a step that left more synapses
 *       than that, the least recently used segments are destroyed, oldest first (ties: lowest id),
 *       until a tenth of the budget is free, the rule a full cell already applies to its own
 *       segments. Worst case after any step: the budget's synapses, so about {@code 12 x
 *       tm.maxSynapses} bytes of heap and 2-3 bytes a synapse in a snapshot. A budget the network
 *       never reaches changes no output.
 * </ul>
 *
 * <p>Snapshot format 3 writes the pools column by column (bitmap, then the packed permanences as
 * they are in memory); formats 1 and 2 (input-major) are read and converted, and continue exactly.
 */
package io.pensu.flink.model.compact;
