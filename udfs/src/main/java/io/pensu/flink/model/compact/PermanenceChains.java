package io.pensu.flink.model.compact;

import io.pensu.flink.state.HuffmanArrays;
import io.pensu.flink.state.PackedArrays;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The temporal memory's synapse permanences in a snapshot, each in a Huffman code of its own
 * context: the permanence of the synapse before it in its segment. A segment's synapses learn
 * together (all reinforced or all weakened by the same steps), so a permanence says much about the
 * next one (machine_temperature, fleet configuration, 20,000 samples: 2.4 bits of entropy given the
 * previous permanence, 3.3 without). Every context's permanences are written as one array ({@link
 * HuffmanArrays}), in the order they occur; a reader walks the segments and takes each synapse's
 * from the array of its context.
 */
final class PermanenceChains {

    /** The context of a segment's first synapse; the others' is their predecessor's plus one. */
    private static final int FIRST = 0;

    /** Contexts: the first synapse's, and one per permanence of at most 12 bits. */
    private static final int CONTEXTS = (1 << 12) + 1;

    private PermanenceChains() {}

    /**
     * Writes the permanences of segments of {@code counts} synapses each, laid out segment after
     * segment: the contexts that occur, then each one's permanences.
     */
    static void write(DataOutput out, int[] permanences, int[] counts) throws IOException {
        int[] sizes = new int[CONTEXTS];
        forEachContext(permanences, counts, (i, context) -> sizes[context]++);
        int[] contexts = new int[CONTEXTS];
        int used = 0;
        int[][] streams = new int[CONTEXTS][];
        for (int context = 0; context < CONTEXTS; context++) {
            if (sizes[context] > 0) {
                contexts[used++] = context;
                streams[context] = new int[sizes[context]];
            }
        }
        int[] next = new int[CONTEXTS];
        forEachContext(
                permanences,
                counts,
                (i, context) -> streams[context][next[context]++] = permanences[i]);
        PackedArrays.writePacked(out, contexts, 0, used);
        for (int k = 0; k < used; k++) {
            int[] stream = streams[contexts[k]];
            HuffmanArrays.write(out, stream, 0, stream.length);
        }
    }

    /**
     * Reads what {@link #write} wrote for segments of {@code counts} synapses each. Its arrays are
     * over the contexts that occur (about 20), not over every possible one, as a restore reads
     * thousands of models: a synapse's context is found by a binary search in the contexts, done
     * again only when the permanence before it differs from the one before that.
     */
    static int[] read(DataInput in, int[] counts) throws IOException {
        int[] contexts = PackedArrays.readPacked(in);
        int[][] streams = new int[contexts.length][];
        for (int k = 0; k < contexts.length; k++) {
            if (contexts[k] >= CONTEXTS || k > 0 && contexts[k] <= contexts[k - 1]) {
                throw inconsistent();
            }
            streams[k] = HuffmanArrays.read(in);
        }
        long total = 0;
        for (int count : counts) {
            total += count;
        }
        int[] permanences = new int[Math.toIntExact(total)];
        int[] next = new int[contexts.length];
        int first = Arrays.binarySearch(contexts, FIRST);
        int lastPermanence = -1;
        int lastFollowing = -1;
        for (int s = 0, i = 0; s < counts.length; s++) {
            int k = first;
            for (int end = i + counts[s]; i < end; i++) {
                if (k < 0 || next[k] == streams[k].length) {
                    throw inconsistent();
                }
                int permanence = streams[k][next[k]++];
                if (permanence >= CONTEXTS - 1) {
                    throw inconsistent();
                }
                permanences[i] = permanence;
                if (permanence != lastPermanence) {
                    lastPermanence = permanence;
                    lastFollowing = Arrays.binarySearch(contexts, permanence + 1);
                }
                k = lastFollowing;
            }
        }
        for (int k = 0; k < contexts.length; k++) {
            if (next[k] != streams[k].length) {
                throw inconsistent();
            }
        }
        return permanences;
    }

    private interface ContextVisitor {
        void visit(int index, int context);
    }

    private static void forEachContext(int[] permanences, int[] counts, ContextVisitor visitor) {
        for (int s = 0, i = 0; s < counts.length; s++) {
            int context = FIRST;
            for (int end = i + counts[s]; i < end; i++) {
                visitor.visit(i, context);
                context = permanences[i] + 1;
            }
        }
    }

    private static IOException inconsistent() {
        return new IOException("temporal memory snapshot is inconsistent");
    }
}
