package io.pensu.flink.model.compact;

/**
 * Permanences in [0, 1] as 12-bit fixed point (1/4094 steps; the spatial pooler keeps one more
 * value for "not in the pool"): exact integer arithmetic, so every JVM computes the same, and a
 * snapshot packs two permanences in three bytes. NuPIC's default increments are whole multiples of
 * a few units (0.0005 is 2 units, 0.003 is 12), so their ratio, which sets where learning settles,
 * is kept.
 */
final class Permanence {

    /** The number of units that make a permanence of 1. */
    static final int ONE = 4094;

    private Permanence() {}

    static int units(double permanence) {
        return (int) Math.round(Math.max(0, Math.min(1, permanence)) * ONE);
    }

    /**
     * The units of a permanence change; fails naming {@code key} when a non-zero change is too
     * small to be represented, which would silently turn learning off.
     */
    static int step(double change, String key) {
        int units = units(change);
        if (change > 0 && units == 0) {
            throw new IllegalArgumentException(
                    "model parameter '"
                            + key
                            + "' is below the compact engine's permanence step of 1/"
                            + ONE);
        }
        return units;
    }

    static int clip(int units) {
        return Math.max(0, Math.min(ONE, units));
    }
}
