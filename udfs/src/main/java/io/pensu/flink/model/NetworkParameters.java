package io.pensu.flink.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Parameters of one HTM network. The defaults are NuPIC's anomaly parameters for a scalar metric
 * with time of day (random distributed scalar encoder n=400 w=21, time of day 21 bits with a 9.49 h
 * radius, spatial pooler 2048 columns, temporal memory 32 cells per column), except that each
 * column samples 40 % of the input, as htm.core's NAB detector does, rather than NuPIC's 80 %:
 * columns with less overlapping pools tell inputs apart better (docs/BENCHMARKS.md, issue 11's
 * second round: +2.6 on NAB, +4.0 on the held-out half) and a pool of half the size halves the
 * spatial pooler's memory; with the raw anomaly score read as NuPIC's backtracking temporal memory
 * reads it: a column counts as predicted when a segment has enough active synapses of any
 * permanence ({@code tm.anomalyCountsPotentialSynapses}, compact engine only; htm.java counts
 * connected synapses), and likelihood alerts quieted for {@code likelihood.quietSamples} samples
 * after an alert (read from the anomaly role's parameters). A spatial pooler that does not learn
 * ({@code sp.learn} 0) keeps the random pools it was created with, the same for every metric with
 * the same parameters, so the compact engine holds one copy for all of them rather than one per
 * metric; it is not the default because it costs detection and makes the temporal memory grow
 * faster (docs/BENCHMARKS.md, "A spatial pooler that does not learn").
 *
 * <p>Every field has a configuration key (see {@link #KEYS}); {@link #with(String, String)} returns
 * a copy with one field changed, which is how per-metric overrides are applied.
 */
public record NetworkParameters(
        int encoderBuckets,
        int valueBits,
        int valueActiveBits,
        int timeOfDayActiveBits,
        double timeOfDayRadiusHours,
        int columnCount,
        int activeColumnsPerInhArea,
        double potentialPct,
        double synPermConnected,
        double synPermActiveInc,
        double synPermInactiveDec,
        double boostStrength,
        int cellsPerColumn,
        int activationThreshold,
        int minThreshold,
        int newSynapseCount,
        int maxSynapsesPerSegment,
        int maxSegmentsPerCell,
        int maxSynapses,
        double initialPermanence,
        double permanenceIncrement,
        double permanenceDecrement,
        double predictedSegmentDecrement,
        double tmConnectedPermanence,
        int anomalyCountsPotentialSynapses,
        int alertQuietSamples,
        int spLearn,
        long seed)
        implements java.io.Serializable {

    /** Bumped whenever the binary layout written by {@link #writeTo} changes. */
    private static final int FORMAT_VERSION = 1;

    public static NetworkParameters defaults() {
        return new NetworkParameters(
                130, 400, 21, 21, 9.49, 2048, 40, 0.4, 0.2, 0.003, 0.0005, 0.0, 32, 13, 10, 20, 32,
                128, 0, 0.21, 0.1, 0.1, 0.0, 0.5, 1, 96, 1, 1960L);
    }

    /**
     * Keys added after the first release, with the value networks had before the key existed: a
     * snapshot written then restores to the network it was.
     */
    private static final Map<String, String> BEFORE_THEIR_KEYS =
            Map.of(
                    "tm.maxSynapses", "0",
                    "tm.connectedPermanence", "0.5",
                    "tm.anomalyCountsPotentialSynapses", "0",
                    "likelihood.quietSamples", "0",
                    "sp.learn", "1");

    /** The configuration keys, in declaration order, each with how to read and set it. */
    public static final Map<String, Field> KEYS = keys();

    /** Returns a copy with the field named by {@code key} set to {@code value}. */
    public NetworkParameters with(String key, String value) {
        Field field = KEYS.get(key);
        if (field == null) {
            throw new IllegalArgumentException(
                    "unknown model parameter '" + key + "'; known: " + KEYS.keySet());
        }
        try {
            return field.setter.apply(this, value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "model parameter '" + key + "' needs a number, got '" + value + "'", e);
        }
    }

    /** Fails with a message naming the field when a value cannot work. */
    public NetworkParameters validate() {
        require(encoderBuckets > 0, "encoder.buckets", "must be positive");
        require(valueActiveBits > 0 && valueActiveBits % 2 == 1, "encoder.w", "must be odd");
        require(valueBits > 6 * valueActiveBits, "encoder.n", "must exceed 6 x encoder.w");
        require(
                timeOfDayActiveBits > 0 && timeOfDayActiveBits % 2 == 1,
                "timeOfDay.w",
                "must be odd");
        require(timeOfDayRadiusHours > 0, "timeOfDay.radius", "must be positive");
        require(columnCount > 0, "sp.columnCount", "must be positive");
        require(
                activeColumnsPerInhArea > 0 && activeColumnsPerInhArea < columnCount,
                "sp.numActiveColumnsPerInhArea",
                "must be between 1 and sp.columnCount");
        require(potentialPct > 0 && potentialPct <= 1, "sp.potentialPct", "must be in (0, 1]");
        require(cellsPerColumn > 0, "tm.cellsPerColumn", "must be positive");
        require(
                minThreshold > 0 && minThreshold <= activationThreshold,
                "tm.minThreshold",
                "must be between 1 and tm.activationThreshold");
        require(newSynapseCount > 0, "tm.newSynapseCount", "must be positive");
        require(
                maxSynapsesPerSegment >= newSynapseCount,
                "tm.maxSynapsesPerSegment",
                "must be at least tm.newSynapseCount");
        require(maxSegmentsPerCell > 0, "tm.maxSegmentsPerCell", "must be positive");
        require(
                maxSynapses == 0 || maxSynapses >= 10 * maxSynapsesPerSegment,
                "tm.maxSynapses",
                "must be 0 (no budget) or at least 10 x tm.maxSynapsesPerSegment");
        require(
                tmConnectedPermanence > 0 && tmConnectedPermanence <= 1,
                "tm.connectedPermanence",
                "must be in (0, 1]");
        require(
                anomalyCountsPotentialSynapses == 0 || anomalyCountsPotentialSynapses == 1,
                "tm.anomalyCountsPotentialSynapses",
                "must be 0 or 1");
        require(alertQuietSamples >= 0, "likelihood.quietSamples", "must not be negative");
        require(spLearn == 0 || spLearn == 1, "sp.learn", "must be 0 or 1");
        require(
                boostStrength == 0 || spLearn == 1,
                "sp.boostStrength",
                "needs sp.learn 1 (boosting follows the duty cycles, which only learning updates)");
        return this;
    }

    private static void require(boolean ok, String key, String what) {
        if (!ok) {
            throw new IllegalArgumentException("model parameter '" + key + "' " + what);
        }
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeInt(KEYS.size());
        for (Map.Entry<String, Field> e : KEYS.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue().getter.apply(this));
        }
    }

    /**
     * Reads parameters by key, so that a snapshot written before a parameter existed still reads
     * (the new parameter takes the value it had before it existed).
     */
    public static NetworkParameters readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown network parameter format version " + version);
        }
        NetworkParameters p = defaults();
        for (Map.Entry<String, String> e : BEFORE_THEIR_KEYS.entrySet()) {
            p = p.with(e.getKey(), e.getValue());
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String key = in.readUTF();
            String value = in.readUTF();
            if (KEYS.containsKey(key)) {
                p = p.with(key, value);
            }
        }
        return p;
    }

    /** How one configuration key reads and sets its field. */
    public record Field(
            Function<NetworkParameters, String> getter,
            BiFunction<NetworkParameters, String, NetworkParameters> setter) {}

    private static Map<String, Field> keys() {
        Map<String, Field> k = new LinkedHashMap<>();
        k.put(
                "encoder.buckets",
                intField(NetworkParameters::encoderBuckets, (p, v) -> p.copy(0, v)));
        k.put("encoder.n", intField(NetworkParameters::valueBits, (p, v) -> p.copy(1, v)));
        k.put("encoder.w", intField(NetworkParameters::valueActiveBits, (p, v) -> p.copy(2, v)));
        k.put(
                "timeOfDay.w",
                intField(NetworkParameters::timeOfDayActiveBits, (p, v) -> p.copy(3, v)));
        k.put(
                "timeOfDay.radius",
                dblField(NetworkParameters::timeOfDayRadiusHours, (p, v) -> p.copy(4, v)));
        k.put("sp.columnCount", intField(NetworkParameters::columnCount, (p, v) -> p.copy(5, v)));
        k.put(
                "sp.numActiveColumnsPerInhArea",
                intField(NetworkParameters::activeColumnsPerInhArea, (p, v) -> p.copy(6, v)));
        k.put("sp.potentialPct", dblField(NetworkParameters::potentialPct, (p, v) -> p.copy(7, v)));
        k.put(
                "sp.synPermConnected",
                dblField(NetworkParameters::synPermConnected, (p, v) -> p.copy(8, v)));
        k.put(
                "sp.synPermActiveInc",
                dblField(NetworkParameters::synPermActiveInc, (p, v) -> p.copy(9, v)));
        k.put(
                "sp.synPermInactiveDec",
                dblField(NetworkParameters::synPermInactiveDec, (p, v) -> p.copy(10, v)));
        k.put(
                "sp.boostStrength",
                dblField(NetworkParameters::boostStrength, (p, v) -> p.copy(11, v)));
        k.put(
                "tm.cellsPerColumn",
                intField(NetworkParameters::cellsPerColumn, (p, v) -> p.copy(12, v)));
        k.put(
                "tm.activationThreshold",
                intField(NetworkParameters::activationThreshold, (p, v) -> p.copy(13, v)));
        k.put(
                "tm.minThreshold",
                intField(NetworkParameters::minThreshold, (p, v) -> p.copy(14, v)));
        k.put(
                "tm.newSynapseCount",
                intField(NetworkParameters::newSynapseCount, (p, v) -> p.copy(15, v)));
        k.put(
                "tm.maxSynapsesPerSegment",
                intField(NetworkParameters::maxSynapsesPerSegment, (p, v) -> p.copy(16, v)));
        k.put(
                "tm.maxSegmentsPerCell",
                intField(NetworkParameters::maxSegmentsPerCell, (p, v) -> p.copy(17, v)));
        k.put("tm.maxSynapses", intField(NetworkParameters::maxSynapses, (p, v) -> p.copy(18, v)));
        k.put(
                "tm.initialPermanence",
                dblField(NetworkParameters::initialPermanence, (p, v) -> p.copy(19, v)));
        k.put(
                "tm.permanenceIncrement",
                dblField(NetworkParameters::permanenceIncrement, (p, v) -> p.copy(20, v)));
        k.put(
                "tm.permanenceDecrement",
                dblField(NetworkParameters::permanenceDecrement, (p, v) -> p.copy(21, v)));
        k.put(
                "tm.predictedSegmentDecrement",
                dblField(NetworkParameters::predictedSegmentDecrement, (p, v) -> p.copy(22, v)));
        k.put(
                "tm.connectedPermanence",
                dblField(NetworkParameters::tmConnectedPermanence, (p, v) -> p.copy(23, v)));
        k.put(
                "tm.anomalyCountsPotentialSynapses",
                intField(
                        NetworkParameters::anomalyCountsPotentialSynapses,
                        (p, v) -> p.copy(24, v)));
        k.put(
                "likelihood.quietSamples",
                intField(NetworkParameters::alertQuietSamples, (p, v) -> p.copy(25, v)));
        k.put("sp.learn", intField(NetworkParameters::spLearn, (p, v) -> p.copy(26, v)));
        k.put(
                "seed",
                new Field(p -> Long.toString(p.seed()), (p, v) -> p.copy(27, Long.parseLong(v))));
        return java.util.Collections.unmodifiableMap(k);
    }

    private static Field intField(
            Function<NetworkParameters, Integer> get,
            BiFunction<NetworkParameters, Integer, NetworkParameters> set) {
        return new Field(
                p -> Integer.toString(get.apply(p)), (p, v) -> set.apply(p, Integer.parseInt(v)));
    }

    private static Field dblField(
            Function<NetworkParameters, Double> get,
            BiFunction<NetworkParameters, Double, NetworkParameters> set) {
        return new Field(
                p -> Double.toString(get.apply(p)), (p, v) -> set.apply(p, Double.parseDouble(v)));
    }

    /** A copy with the component at {@code index} replaced; keeps the key table short. */
    private NetworkParameters copy(int index, Number v) {
        Object[] c = {
            encoderBuckets,
            valueBits,
            valueActiveBits,
            timeOfDayActiveBits,
            timeOfDayRadiusHours,
            columnCount,
            activeColumnsPerInhArea,
            potentialPct,
            synPermConnected,
            synPermActiveInc,
            synPermInactiveDec,
            boostStrength,
            cellsPerColumn,
            activationThreshold,
            minThreshold,
            newSynapseCount,
            maxSynapsesPerSegment,
            maxSegmentsPerCell,
            maxSynapses,
            initialPermanence,
            permanenceIncrement,
            permanenceDecrement,
            predictedSegmentDecrement,
            tmConnectedPermanence,
            anomalyCountsPotentialSynapses,
            alertQuietSamples,
            spLearn,
            seed
        };
        c[index] = v;
        return new NetworkParameters(
                (Integer) c[0],
                (Integer) c[1],
                (Integer) c[2],
                (Integer) c[3],
                (Double) c[4],
                (Integer) c[5],
                (Integer) c[6],
                (Double) c[7],
                (Double) c[8],
                (Double) c[9],
                (Double) c[10],
                (Double) c[11],
                (Integer) c[12],
                (Integer) c[13],
                (Integer) c[14],
                (Integer) c[15],
                (Integer) c[16],
                (Integer) c[17],
                (Integer) c[18],
                (Double) c[19],
                (Double) c[20],
                (Double) c[21],
                (Double) c[22],
                (Double) c[23],
                (Integer) c[24],
                (Integer) c[25],
                (Integer) c[26],
                (Long) c[27]);
    }
}
