package io.pensu.flink.likelihood;

/** The ring buffers of a {@link ScoreHistory}, whatever their element type. */
final class RingArrays {
    private RingArrays() {}

    /**
     * Copies the {@code size} slots of a ring of {@code ringLength} that start at {@code oldest} to
     * the front of {@code target}, oldest first, and returns the target.
     */
    static <A> A unrolled(A ring, int ringLength, int oldest, int size, A target) {
        int firstPart = Math.min(size, ringLength - oldest);
        System.arraycopy(ring, oldest, target, 0, firstPart);
        System.arraycopy(ring, 0, target, firstPart, size - firstPart);
        return target;
    }
}
