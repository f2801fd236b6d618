package io.pensu.flink.classifier;

/**
 * The bounds that keep a classifier's weights the same size however long its metric lives and
 * however its values wander: at most {@code maxSlots} value slots, each the union of {@code
 * bucketsPerSlot} neighbouring encoder buckets, over an input folded to {@code inputBits} bits.
 *
 * @param maxSlots value slots kept; a new one replaces the one seen least recently
 * @param bucketsPerSlot encoder buckets per slot
 * @param inputBits input bits after folding (bit modulo this); wider inputs share bits
 */
public record ClassifierShape(int maxSlots, int bucketsPerSlot, int inputBits) {

    /**
     * 32 slots of 4 buckets span about the encoder's learned range of 130 buckets, so that a metric
     * within its range rarely gives up a slot; 512 bits keep 40 active columns of 2,048 nearly
     * apart (about 38 distinct). 2 steps x 32 slots x 512 float weights: 128 KB at most. On the
     * realAWSCloudwatch files this predicts better than fine unbounded buckets read at the mode.
     */
    public static final ClassifierShape DEFAULT = new ClassifierShape(32, 4, 512);

    /** Far above any useful shape; keeps a damaged snapshot from allocating gigabytes. */
    private static final int LIMIT = 1 << 16;

    public ClassifierShape {
        if (maxSlots < 2 || maxSlots > LIMIT) {
            throw new IllegalArgumentException(
                    "maxSlots must be between 2 and " + LIMIT + ", got " + maxSlots);
        }
        if (bucketsPerSlot < 1) {
            throw new IllegalArgumentException(
                    "bucketsPerSlot must be positive, got " + bucketsPerSlot);
        }
        if (inputBits < 1 || inputBits > LIMIT) {
            throw new IllegalArgumentException(
                    "inputBits must be between 1 and " + LIMIT + ", got " + inputBits);
        }
    }
}
