package io.pensu.flink.bench;

import io.pensu.flink.detect.MetricModel;
import io.pensu.flink.detect.ModelSettings;
import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.model.ModelParameters;
import io.pensu.flink.model.NetworkParameters;
import io.pensu.flink.state.SnapshotInput;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A development probe for what a restored job does with each model on its first sample: the
 * snapshot read, the journal's replay, the new sample and the snapshot written again. The models
 * are those of {@code scripts/benchmarks.sh demo} (its synthetic series, the job's defaults, the
 * fleet configuration by default), so that a fresh JVM restoring them sees what a restarted
 * TaskManager sees, cold JIT included.
 *
 * <p>{@code write <file> <models> <learning> <age> <journal> [key=value...]} creates the models,
 * feeds each {@code age} samples after its learning ones (the demo's models: 0) and writes their
 * snapshots and the journals of the next {@code journal} samples; {@code restore <file> [rounds]}
 * restores them all in this JVM, {@code rounds} times (the later rounds warm), and prints the
 * thread CPU time and the bytes allocated of each step per model; {@code fleet <file> <copies>}
 * rebuilds every model {@code copies} times and keeps them all, as a new TaskManager's cache fills
 * during the catch-up after a restore, and prints the garbage collector's share of it (run it with
 * the TaskManager's heap and collector options to see what they do to a mass rebuild).
 */
public final class RestoreProbe {

    private static final long START_MILLIS = 1_700_000_000_000L;
    private static final long STEP_MILLIS = 60_000L;
    private static final com.sun.management.ThreadMXBean THREAD =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RestoreProbe() {}

    private record Stored(byte[] snapshot, long[] millis, double[] values) {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("write")) {
            NetworkParameters parameters =
                    ParameterArguments.apply(
                            NetworkParameters.defaults()
                                    .with("sp.learn", "0")
                                    .with("tm.maxSynapses", "131072"),
                            Arrays.asList(args).subList(6, args.length));
            write(
                    file,
                    Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]),
                    parameters);
        } else if (args[0].equals("fleet")) {
            fleet(read(file), Integer.parseInt(args[2]));
        } else {
            List<Stored> models = read(file);
            int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
            System.out.println(
                    "| round | models | snapshot KB | read µs | replay µs (samples) | next sample µs | write µs | allocated KB: read / replay |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int round = 1; round <= rounds; round++) {
                restore(round, models);
            }
        }
    }

    /** The demo's series: a daily cycle per metric, phase-shifted, with noise. */
    private static double value(Random noise, int metric, int sample) {
        return 50
                + 40 * Math.sin(2 * Math.PI * (sample + 37 * metric) / 1440)
                + 4 * (noise.nextDouble() - 0.5);
    }

    private static void write(
            Path file, int models, int learning, int age, int journal, NetworkParameters parameters)
            throws IOException {
        ModelSettings settings =
                new ModelSettings(
                        "compact",
                        5,
                        0.1,
                        AnomalyLikelihood.Settings.defaults(),
                        Double.NaN,
                        ZoneOffset.UTC,
                        learning);
        Random noise = new Random(42);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(models);
            for (int m = 0; m < models; m++) {
                int snapshotAt = learning + age;
                double[] values = new double[snapshotAt + journal + 1];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(noise, m, i);
                }
                MetricModel model =
                        MetricModel.create(
                                settings,
                                new ModelParameters(parameters, parameters),
                                Arrays.copyOf(values, learning));
                for (int i = 0; i < snapshotAt; i++) {
                    model.process(START_MILLIS + i * STEP_MILLIS, values[i]);
                }
                byte[] snapshot = snapshot(model);
                out.writeInt(snapshot.length);
                out.write(snapshot);
                out.writeInt(journal + 1);
                for (int i = snapshotAt; i < values.length; i++) {
                    out.writeLong(START_MILLIS + i * STEP_MILLIS);
                    out.writeDouble(values[i]);
                }
            }
        }
    }

    private static List<Stored> read(Path file) throws IOException {
        List<Stored> models = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            int count = in.readInt();
            for (int m = 0; m < count; m++) {
                byte[] snapshot = new byte[in.readInt()];
                in.readFully(snapshot);
                int samples = in.readInt();
                long[] millis = new long[samples];
                double[] values = new double[samples];
                for (int i = 0; i < samples; i++) {
                    millis[i] = in.readLong();
                    values[i] = in.readDouble();
                }
                models.add(new Stored(snapshot, millis, values));
            }
        }
        return models;
    }

    /**
     * Restores every model as the detector does on a metric's first sample after a restore, in
     * groups (the first models of a fresh JVM are the coldest), and prints each group's means.
     */
    private static void restore(int round, List<Stored> models) throws IOException {
        int from = 0;
        for (int group : groups(models.size())) {
            long read = 0,
                    replay = 0,
                    next = 0,
                    write = 0,
                    bytes = 0,
                    readAlloc = 0,
                    replayAlloc = 0;
            int replayed = 0;
            for (Stored stored : models.subList(from, from + group)) {
                long a0 = allocated();
                long t0 = THREAD.getCurrentThreadCpuTime();
                MetricModel model = MetricModel.readFrom(new SnapshotInput(stored.snapshot));
                long t1 = THREAD.getCurrentThreadCpuTime();
                long a1 = allocated();
                int last = stored.values.length - 1;
                replayJournal(model, stored, last);
                long t2 = THREAD.getCurrentThreadCpuTime();
                long a2 = allocated();
                model.process(stored.millis[last], stored.values[last]);
                long t3 = THREAD.getCurrentThreadCpuTime();
                snapshot(model);
                long t4 = THREAD.getCurrentThreadCpuTime();
                read += t1 - t0;
                replay += t2 - t1;
                next += t3 - t2;
                write += t4 - t3;
                readAlloc += a1 - a0;
                replayAlloc += a2 - a1;
                bytes += stored.snapshot.length;
                replayed = last;
            }
            System.out.printf(
                    "| %d | %d-%d | %.1f | %.0f | %.0f (%d) | %.0f | %.0f | %.0f / %.0f |%n",
                    round,
                    from + 1,
                    from + group,
                    bytes / 1024.0 / group,
                    read / 1e3 / group,
                    replay / 1e3 / group,
                    replayed,
                    next / 1e3 / group,
                    write / 1e3 / group,
                    readAlloc / 1024.0 / group,
                    replayAlloc / 1024.0 / group);
            from += group;
        }
    }

    private static void replayJournal(MetricModel model, Stored stored, int samples) {
        for (int i = 0; i < samples; i++) {
            model.process(stored.millis[i], stored.values[i]);
        }
    }

    private static long allocated() {
        return THREAD.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Rebuilds every stored model {@code copies} times (snapshot read, journal replayed, the next
     * sample) and keeps them all, then prints the elapsed and CPU time, the bytes allocated and the
     * collectors' counts and times, per model, and the live heap per model after a full collection.
     */
    private static void fleet(List<Stored> stored, int copies) throws IOException {
        List<MetricModel> live = new ArrayList<>(stored.size() * copies);
        long gcCount = -gcCount(), gcMillis = -gcMillis();
        long cpu = -THREAD.getCurrentThreadCpuTime(), bytes = -allocated();
        long started = System.nanoTime();
        for (int copy = 0; copy < copies; copy++) {
            for (Stored model : stored) {
                MetricModel rebuilt = MetricModel.readFrom(new SnapshotInput(model.snapshot));
                replayJournal(rebuilt, model, model.values.length);
                live.add(rebuilt);
            }
        }
        long elapsed = System.nanoTime() - started;
        cpu += THREAD.getCurrentThreadCpuTime();
        bytes += allocated();
        gcCount += gcCount();
        gcMillis += gcMillis();
        System.gc();
        long heap =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / live.size();
        System.out.println(
                "| models | elapsed s | rebuild CPU s | allocated MB | collections | GC time s | GC time / elapsed | live heap KB per model |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.printf(
                "| %d | %.1f | %.1f | %.0f | %d | %.1f | %.0f %% | %.0f |%n",
                live.size(),
                elapsed / 1e9,
                cpu / 1e9,
                bytes / 1048576.0,
                gcCount,
                gcMillis / 1e3,
                100.0 * gcMillis * 1e6 / elapsed,
                heap / 1024.0);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    /** 10, 90, then the rest: how fast the JIT gets there. */
    private static int[] groups(int models) {
        return models <= 100 ? new int[] {models} : new int[] {10, 90, models - 100};
    }

    private static byte[] snapshot(MetricModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            model.writeTo(data);
        }
        return bytes.toByteArray();
    }
}
