package io.pensu.flink.model.compact;

/**
 * Permanences in [0, 1] as 16-bit fixed point: half the memory of a float, exact integer arithmetic
 * (so every JVM computes the same), and fine enough for the smallest step NuPIC's parameters use
 * (0.0005 is 33 units).
 */
final class Permanence {

    /** The number of units that make a permanence of 1. */
    static final int ONE = 65534;

    private Permanence() {}

    static int units(double permanence) {
        return (int) Math.round(Math.max(0, Math.min(1, permanence)) * ONE);
    }

    static int clip(int units) {
        return Math.max(0, Math.min(ONE, units));
    }
}
