package io.pensu.flink.model.compact;

import io.pensu.flink.detect.MetricModel;
import io.pensu.flink.detect.ModelSettings;
import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngine;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.ModelParameters;
import io.pensu.flink.model.NetworkOutput;
import io.pensu.flink.model.NetworkParameters;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures the HTM engines side by side on one synthetic metric with the default parameters: a
 * daily sine with noise, sampled every 5 minutes, a spike and a flat stretch. Not a test: run it
 * with {@code scripts/compare-engines.sh [samples] [engine...]}. Also shows how a model grows with
 * the samples it has seen: heap, snapshot and time per sample after 5,000, 20,000 and 50,000
 * samples (those within the run), and how long a whole metric model (networks, classifier,
 * likelihood) takes to write and read.
 */
public final class EngineComparison {

    private static final long START_MILLIS = 1_704_067_200_000L;
    private static final long STEP_MILLIS = 300_000L;
    private static final int SAMPLES_PER_DAY = 288;
    private static final int WARM_FROM = 1000;
    private static final int[] GROWTH_CHECKPOINTS = {5_000, 20_000, 50_000};

    /** Untimed round trips before the timed ones: this many, or as many as take this long. */
    private static final int WARM_UP_ROUND_TRIPS = 500;

    private static final long WARM_UP_NANOS = 5_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EngineComparison() {}

    public static void main(String[] args) throws IOException {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        String[] engines =
                args.length > 1
                        ? Arrays.copyOfRange(args, 1, args.length)
                        : HtmEngines.ids().toArray(String[]::new);
        double[] values = metric(samples);
        System.out.printf(
                "%d samples, default parameters, warm = samples %d..%d, times in thread CPU ms;"
                        + " snapshot medians after %d untimed round trips (at most %d s)%n",
                samples, WARM_FROM, samples, WARM_UP_ROUND_TRIPS, WARM_UP_NANOS / 1_000_000_000L);
        System.out.println(
                "| engine | create ms | ms/sample p50 | p99 | mean | heap/model MB | snapshot bytes"
                        + " | serialize ms (first, median) | deserialize ms (first, median) |"
                        + " raw score, last normal day |"
                        + " raw score at spike |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        List<String> growth = new ArrayList<>();
        for (String id : engines) {
            measure(HtmEngines.byId(id), values, growth);
        }
        System.out.println();
        System.out.println(
                "| engine | samples seen | temporal memory synapses | heap/model MB | snapshot"
                        + " bytes | serialize + deserialize ms (median of 5) | ms/sample, mean of"
                        + " the last 1000 |");
        System.out.println("|---|---|---|---|---|---|---|");
        growth.forEach(System.out::println);
        System.out.println();
        System.out.println(
                "| engine | samples seen | model snapshot bytes | serialize ms (first, median) |"
                        + " deserialize ms (first, median) | serialize + deserialize ms (median) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String id : engines) {
            System.out.println(modelRow(id, values));
        }
    }

    private static double[] metric(int samples) {
        SplittableRandom noise = new SplittableRandom(42);
        double[] values = new double[samples];
        for (int i = 0; i < samples; i++) {
            values[i] =
                    50
                            + 40 * Math.sin(2 * Math.PI * i / SAMPLES_PER_DAY)
                            + 2 * noise.nextGaussian();
        }
        values[spike(samples)] = 200;
        for (int i = flatFrom(samples); i < flatFrom(samples) + 200 && i < samples; i++) {
            values[i] = 50;
        }
        return values;
    }

    private static int spike(int samples) {
        return samples * 4 / 5;
    }

    private static int flatFrom(int samples) {
        return samples * 9 / 10;
    }

    private static void measure(HtmEngine engine, double[] values, List<String> growth)
            throws IOException {
        int samples = values.length;
        double[] computeMillis = new double[samples];
        double[] scores = new double[samples];
        long heapBefore = usedHeap();
        long createStart = cpuNanos();
        HtmNetwork network =
                engine.create(
                        NetworkParameters.defaults(),
                        EncoderRange.learn(Arrays.copyOf(values, SAMPLES_PER_DAY), 130));
        double createMillis = (cpuNanos() - createStart) / 1e6;
        for (int i = 0; i < samples; i++) {
            long start = cpuNanos();
            NetworkOutput output = network.compute(START_MILLIS + i * STEP_MILLIS, values[i]);
            computeMillis[i] = (cpuNanos() - start) / 1e6;
            scores[i] = output.rawAnomalyScore();
            if (Arrays.binarySearch(GROWTH_CHECKPOINTS, i + 1) >= 0) {
                growth.add(
                        growthRow(engine, network, i + 1, usedHeap() - heapBefore, computeMillis));
            }
        }
        long heap = usedHeap() - heapBefore;

        RoundTrips trips = RoundTrips.time(network::writeTo, engine::read, 15);

        double[] warm = Arrays.copyOfRange(computeMillis, WARM_FROM, samples);
        Arrays.sort(warm);
        int spike = spike(samples);
        System.out.printf(
                "| %s | %.0f | %.3f | %.3f | %.3f | %.1f | %d | %.1f, %.1f | %.1f, %.1f | %.3f | %.3f |%n",
                engine.id(),
                createMillis,
                warm[warm.length / 2],
                warm[(int) (warm.length * 0.99)],
                Arrays.stream(warm).average().orElseThrow(),
                heap / 1e6,
                trips.bytes(),
                trips.firstWriteMillis(),
                median(trips.writeMillis()),
                trips.firstReadMillis(),
                median(trips.readMillis()),
                Arrays.stream(scores, spike - SAMPLES_PER_DAY, spike).average().orElseThrow(),
                scores[spike]);
        if (network instanceof CompactNetwork compact) {
            System.out.printf(
                    "  (compact: %d temporal memory synapses)%n", compact.temporalMemorySynapses());
        }
        // Keeps the network reachable until its heap was measured.
        if (network.parameters() == null) {
            throw new AssertionError();
        }
    }

    private static String growthRow(
            HtmEngine engine, HtmNetwork network, int seen, long heap, double[] computeMillis)
            throws IOException {
        RoundTrips trips = RoundTrips.time(network::writeTo, engine::read, 5);
        return String.format(
                "| %s | %d | %s | %.1f | %d | %.1f | %.3f |",
                engine.id(),
                seen,
                network instanceof CompactNetwork compact
                        ? Integer.toString(compact.temporalMemorySynapses())
                        : "-",
                heap / 1e6,
                trips.bytes(),
                median(trips.roundTripMillis()),
                Arrays.stream(computeMillis, seen - 1000, seen).average().orElseThrow());
    }

    /**
     * A whole metric model (networks, classifier, likelihood) on the same metric, with the settings
     * the job uses by default: what the job writes to and reads from its keyed state.
     */
    private static String modelRow(String engineId, double[] values) throws IOException {
        MetricModel model =
                MetricModel.create(
                        new ModelSettings(
                                engineId,
                                5,
                                0.001,
                                AnomalyLikelihood.Settings.defaults(),
                                0.05,
                                ZoneOffset.UTC,
                                SAMPLES_PER_DAY),
                        ModelParameters.defaults(),
                        Arrays.copyOf(values, SAMPLES_PER_DAY));
        for (int i = 0; i < values.length; i++) {
            model.process(START_MILLIS + i * STEP_MILLIS, values[i]);
        }
        RoundTrips trips = RoundTrips.time(model::writeTo, MetricModel::readFrom, 15);
        return String.format(
                "| %s | %d | %d | %.1f, %.1f | %.1f, %.1f | %.1f |",
                engineId,
                values.length,
                trips.bytes(),
                trips.firstWriteMillis(),
                median(trips.writeMillis()),
                trips.firstReadMillis(),
                median(trips.readMillis()),
                median(trips.roundTripMillis()));
    }

    /**
     * How long the first write and read of one snapshot took (cold), and each of some repeated ones
     * after a warm-up: a job writes and reads snapshots all day long, so its code is compiled.
     */
    private record RoundTrips(
            int bytes,
            double firstWriteMillis,
            double firstReadMillis,
            double[] writeMillis,
            double[] readMillis) {

        static RoundTrips time(SnapshotWriter writer, SnapshotReader reader, int repeats)
                throws IOException {
            double[] first = roundTrip(writer, reader);
            long warmUpStart = cpuNanos();
            for (int r = 0;
                    r < WARM_UP_ROUND_TRIPS && cpuNanos() - warmUpStart < WARM_UP_NANOS;
                    r++) {
                roundTrip(writer, reader);
            }
            double[] writeMillis = new double[repeats];
            double[] readMillis = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                double[] millis = roundTrip(writer, reader);
                writeMillis[r] = millis[1];
                readMillis[r] = millis[2];
            }
            return new RoundTrips((int) first[0], first[1], first[2], writeMillis, readMillis);
        }

        /** Snapshot bytes, write ms, read ms. */
        private static double[] roundTrip(SnapshotWriter writer, SnapshotReader reader)
                throws IOException {
            long start = cpuNanos();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                writer.writeTo(out);
            }
            byte[] snapshot = bytes.toByteArray();
            long written = cpuNanos();
            reader.readFrom(new DataInputStream(new ByteArrayInputStream(snapshot)));
            return new double[] {
                snapshot.length, (written - start) / 1e6, (cpuNanos() - written) / 1e6
            };
        }

        double[] roundTripMillis() {
            double[] sums = new double[writeMillis.length];
            Arrays.setAll(sums, r -> writeMillis[r] + readMillis[r]);
            return sums;
        }
    }

    private interface SnapshotWriter {
        void writeTo(DataOutput out) throws IOException;
    }

    private interface SnapshotReader {
        Object readFrom(DataInput in) throws IOException;
    }

    /**
     * This thread's CPU time: other processes on a shared machine then do not show up as compute
     * time.
     */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
