package io.pensu.flink.model.compact;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporal memory's permanences as codes: every permanence a synapse can hold, in ascending
 * order, a permanence's code being its rank. A synapse holds the initial permanence or one that
 * learning made of another (plus an increment, minus a decrement or the punishment, clipped to [0,
 * 1], 0 removing the synapse), or one read from a snapshot; the codes cover all that these steps
 * can make of those. The temporal memory's large steps leave few (the defaults: 20), so a synapse's
 * code takes a byte where its permanence takes 12 bits; codes compare as the permanences do, and a
 * learning step turns a code into another by one lookup.
 *
 * <p>Small steps can reach every permanence (0.05 and 0.008: every one of the 4,095): the codes
 * then take up to 12 bits ({@link #fitsByte}).
 */
final class PermanenceCodes {

    /** The code after a step that leaves no permanence: the synapse is removed. */
    static final int REMOVED = -1;

    /**
     * Parameter sets come from the job's configuration, so few are in use; a JVM that has met more
     * than this (tests, a long-lived TaskManager across many jobs) starts sharing anew.
     */
    private static final int MAX_PARAMETER_SETS = 32;

    private static final Map<Steps, PermanenceCodes> SHARED = new ConcurrentHashMap<>();

    /** The permanence of each code, ascending. */
    private final int[] units;

    /** By permanence units, its code, or {@link #REMOVED} for a permanence no synapse holds. */
    private final short[] codeOfUnits;

    /** By code, the code after an increment, a decrement and a punishment. */
    private final int[] reinforced;

    private final int[] weakened;
    private final int[] punished;
    private final int initial;
    private final int connected;
    private final Steps steps;

    /** What the codes are made from, in permanence units. */
    record Steps(int initial, int increment, int decrement, int punishment, int connected) {}

    private PermanenceCodes(Steps steps, int[] held) {
        this.steps = steps;
        boolean[] reachable = new boolean[Permanence.ONE + 2];
        int[] pending = new int[reachable.length];
        int pendingCount = 0;
        for (int seed : held) {
            if (!reachable[seed]) {
                reachable[seed] = true;
                pending[pendingCount++] = seed;
            }
        }
        if (!reachable[steps.initial]) {
            reachable[steps.initial] = true;
            pending[pendingCount++] = steps.initial;
        }
        while (pendingCount > 0) {
            int from = pending[--pendingCount];
            for (int to : next(steps, from)) {
                if (to > 0 && !reachable[to]) {
                    reachable[to] = true;
                    pending[pendingCount++] = to;
                }
            }
        }
        codeOfUnits = new short[reachable.length];
        int count = 0;
        for (int u = 0; u < reachable.length; u++) {
            codeOfUnits[u] = (short) (reachable[u] ? count++ : REMOVED);
        }
        units = new int[count];
        reinforced = new int[count];
        weakened = new int[count];
        punished = new int[count];
        for (int u = 0; u < reachable.length; u++) {
            if (reachable[u]) {
                int code = codeOfUnits[u];
                int[] next = next(steps, u);
                units[code] = u;
                reinforced[code] = afterStep(next[0]);
                weakened[code] = afterStep(next[1]);
                punished[code] = afterStep(next[2]);
            }
        }
        initial = codeOfUnits[steps.initial];
        int firstConnected = 0;
        while (firstConnected < count && units[firstConnected] < steps.connected) {
            firstConnected++;
        }
        connected = firstConnected;
    }

    /** A step that leaves 0 removes the synapse, even where 0 is the initial permanence. */
    private int afterStep(int units) {
        return units == 0 ? REMOVED : codeOfUnits[units];
    }

    /** What an increment, a decrement and a punishment make of {@code units}. */
    private static int[] next(Steps steps, int units) {
        return new int[] {
            Permanence.clip(units + steps.increment),
            Permanence.clip(units - steps.decrement),
            Permanence.clip(units - steps.punishment)
        };
    }

    /**
     * The codes of the permanences these steps reach from the initial one, shared by every network
     * in the JVM with the same steps.
     */
    static PermanenceCodes of(Steps steps) {
        PermanenceCodes codes = SHARED.get(steps);
        if (codes != null) {
            return codes;
        }
        if (SHARED.size() >= MAX_PARAMETER_SETS) {
            SHARED.clear();
        }
        return SHARED.computeIfAbsent(steps, s -> new PermanenceCodes(s, new int[0]));
    }

    /**
     * Replaces each permanence in {@code held} (units in [0, {@link Permanence#ONE} + 1]) by its
     * code, and returns the codes used: these if they cover every one, else codes that also cover
     * them and what the steps reach from them.
     */
    PermanenceCodes encode(int[] held) {
        for (int i = 0; i < held.length; i++) {
            int code = codeOfUnits[held[i]];
            if (code == REMOVED) {
                for (int k = 0; k < i; k++) {
                    held[k] = units[held[k]];
                }
                return new PermanenceCodes(steps, held).encode(held);
            }
            held[i] = code;
        }
        return this;
    }

    /** The code of a permanence, {@link #REMOVED} if the codes do not cover it. */
    int codeOf(int units) {
        return codeOfUnits[units];
    }

    int units(int code) {
        return units[code];
    }

    /** How many codes there are: every code is below this. */
    int count() {
        return units.length;
    }

    /** Whether every code fits a byte. */
    boolean fitsByte() {
        return units.length <= 1 << Byte.SIZE;
    }

    int reinforced(int code) {
        return reinforced[code];
    }

    int weakened(int code) {
        return weakened[code];
    }

    int punished(int code) {
        return punished[code];
    }

    /** The initial permanence's code. */
    int initial() {
        return initial;
    }

    /** The lowest code of a connected permanence ({@link #count} if none is). */
    int connected() {
        return connected;
    }
}
