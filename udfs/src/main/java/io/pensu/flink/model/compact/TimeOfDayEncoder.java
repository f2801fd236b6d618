package io.pensu.flink.model.compact;

/**
 * Periodic encoding of the time of day: {@code w} consecutive bits of a ring, so that times within
 * {@code radius} hours share bits and midnight wraps around.
 */
final class TimeOfDayEncoder {

    private static final long DAY_MILLIS = 86_400_000L;

    private final int activeBits;
    private final int bits;

    TimeOfDayEncoder(int activeBits, double radiusHours) {
        this.activeBits = activeBits;
        // As NuPIC's periodic scalar encoder sizes itself: w bits span one radius.
        this.bits = Math.max(activeBits, (int) Math.ceil(activeBits * 24 / radiusHours));
    }

    int width() {
        return bits;
    }

    int activeBits() {
        return activeBits;
    }

    /**
     * Writes the bits for the UTC wall clock time of {@code timestampMillis} into {@code target}
     * from {@code at}, each offset by {@code firstBit}.
     */
    void encode(long timestampMillis, int firstBit, int[] target, int at) {
        long millisOfDay = Math.floorMod(timestampMillis, DAY_MILLIS);
        int centre = (int) (millisOfDay * bits / DAY_MILLIS);
        int half = activeBits / 2;
        for (int k = 0; k < activeBits; k++) {
            target[at + k] = firstBit + Math.floorMod(centre - half + k, bits);
        }
    }
}
