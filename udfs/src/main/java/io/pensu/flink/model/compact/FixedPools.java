package io.pensu.flink.model.compact;

import io.pensu.flink.model.NetworkParameters;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The potential pools of spatial poolers that do not learn, one copy per parameter set shared by
 * every network in the JVM that has it: such pools never change after they are drawn, so ten
 * thousand metrics need the pools of one (about 0.8 MB at the default parameters, 1.2 MB with their
 * {@link ColumnsByInput}) rather than ten thousand copies, and a snapshot needs none.
 *
 * <p>The pools are a function of the parameters alone: they are drawn from a random stream of their
 * own, seeded by the complement of the parameters' seed so that they do not repeat the value
 * encoder's draws from the seed itself. A network restored anywhere gets the pools it had; how they
 * are drawn is therefore part of the snapshot format.
 */
final class FixedPools {

    /**
     * Parameter sets come from the job's configuration, so few are in use; a JVM that has met more
     * than this (tests, a long-lived TaskManager across many jobs) starts sharing anew.
     */
    private static final int MAX_PARAMETER_SETS = 32;

    private static final Map<Key, PotentialPools> POOLS = new ConcurrentHashMap<>();

    private FixedPools() {}

    /** What the pools are drawn from. */
    private record Key(
            int inputs,
            int columns,
            double potentialPct,
            double synPermConnected,
            double synPermActiveInc,
            long seed) {}

    static PotentialPools of(NetworkParameters p, int inputs) {
        Key key =
                new Key(
                        inputs,
                        p.columnCount(),
                        p.potentialPct(),
                        p.synPermConnected(),
                        p.synPermActiveInc(),
                        p.seed());
        PotentialPools pools = POOLS.get(key);
        if (pools != null) {
            return pools;
        }
        if (POOLS.size() >= MAX_PARAMETER_SETS) {
            POOLS.clear();
        }
        return POOLS.computeIfAbsent(
                key, k -> SpatialPooler.drawPools(p, inputs, new SplitMix64(~p.seed())));
    }
}
