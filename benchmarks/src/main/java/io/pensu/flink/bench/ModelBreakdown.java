package io.pensu.flink.bench;

import io.pensu.flink.detect.MetricModel;
import io.pensu.flink.detect.ModelOutput;
import io.pensu.flink.detect.ModelSettings;
import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.model.ModelParameters;
import io.pensu.flink.model.NetworkParameters;
import io.pensu.flink.nab.NabDataFile;

import org.openjdk.jol.info.GraphLayout;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A development probe for the compact engine's footprint: one whole metric model (the job's default
 * settings) fed one series, with the heap (JOL) and snapshot bytes of each component after 5,000,
 * 20,000 and 50,000 samples (those within the run) and at its end, the time per sample, and a hash
 * of every output, so that two builds can be compared for identical results. The side-by-side
 * footprint benchmark with Random Cut Forest is elsewhere; this one looks inside the HTM model.
 *
 * <p>Arguments: {@code breakdown <nab data dir> <file|synthetic> [samples [key=value...]]} prints
 * the breakdown, with model parameters changed by the {@code key=value} arguments; {@code hash <nab
 * data dir> <file>... [key=value...]} prints one output hash per file.
 */
public final class ModelBreakdown {

    private static final int SAMPLES_PER_DAY = 288;
    private static final long START_MILLIS = 1_704_067_200_000L;
    private static final long STEP_MILLIS = 300_000L;
    private static final int[] CHECKPOINTS = {5_000, 20_000, 50_000};

    /** Samples left out of the time per sample: the JIT's and the model's first ones. */
    private static final int WARM_UP = 1000;

    /** Thread CPU time: the machine is shared, and wall-clock time would measure the others. */
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private ModelBreakdown() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[1]);
        if (args[0].equals("hash")) {
            long all = 17;
            List<String> rest = Arrays.asList(args).subList(2, args.length);
            NetworkParameters parameters =
                    withSettings(rest.stream().filter(arg -> arg.contains("=")).toList());
            for (String name : rest.stream().filter(arg -> !arg.contains("=")).toList()) {
                NabDataFile file = NabDataFile.read(dataDir, name);
                long hash =
                        run(
                                file.values(),
                                file::epochMillis,
                                file.values().length,
                                null,
                                parameters);
                all = 31 * all + hash;
                System.out.printf("%s %016x%n", name, hash);
            }
            System.out.printf("all %016x%n", all);
        } else {
            int samples = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
            NetworkParameters parameters =
                    withSettings(
                            Arrays.asList(args).subList(Math.min(4, args.length), args.length));
            Series series = series(dataDir, args[2], samples);
            System.out.println("| series | samples | component | heap KB | snapshot KB |");
            System.out.println("|---|---|---|---|---|");
            long[] nanos = new long[samples];
            long hash = run(series.values, series.millis, samples, nanos, parameters);
            if (samples <= WARM_UP) {
                System.out.printf("%s: hash %016x%n", args[2], hash);
                return;
            }
            long[] warm = Arrays.copyOfRange(nanos, WARM_UP, samples);
            Arrays.sort(warm);
            System.out.printf(
                    "%s: model.process thread CPU p50 %.1f µs, p99 %.1f µs (samples 1000..%d), hash %016x%n",
                    args[2],
                    warm[warm.length / 2] / 1e3,
                    warm[warm.length * 99 / 100] / 1e3,
                    samples,
                    hash);
        }
    }

    /** The default parameters changed by {@code key=value} settings. */
    private static NetworkParameters withSettings(List<String> settings) {
        return ParameterArguments.apply(NetworkParameters.defaults(), settings);
    }

    private record Series(double[] values, Millis millis) {}

    private interface Millis {
        long at(int row);
    }

    /** A NAB file, repeated until it has {@code samples}, or a noisy daily cycle. */
    private static Series series(Path dataDir, String name, int samples) {
        if (name.equals("synthetic")) {
            SplittableRandom noise = new SplittableRandom(42);
            double[] values = new double[samples];
            for (int i = 0; i < samples; i++) {
                values[i] =
                        50
                                + 40 * Math.sin(2 * Math.PI * i / SAMPLES_PER_DAY)
                                + 10 * noise.nextGaussian();
            }
            return new Series(values, row -> START_MILLIS + row * STEP_MILLIS);
        }
        NabDataFile file = NabDataFile.read(dataDir, name);
        double[] values = new double[samples];
        for (int i = 0; i < samples; i++) {
            values[i] = file.values()[i % file.values().length];
        }
        long step = file.epochMillis(1) - file.epochMillis(0);
        return new Series(values, row -> file.epochMillis(0) + row * step);
    }

    private static long run(
            double[] values, Millis millis, int samples, long[] nanos, NetworkParameters parameters)
            throws Exception {
        MetricModel model =
                MetricModel.create(
                        new ModelSettings(
                                "compact",
                                5,
                                0.001,
                                AnomalyLikelihood.Settings.defaults(),
                                0.05,
                                ZoneOffset.UTC,
                                SAMPLES_PER_DAY),
                        new ModelParameters(parameters, parameters),
                        Arrays.copyOf(values, SAMPLES_PER_DAY));
        long hash = 17;
        for (int i = 0; i < samples; i++) {
            long start = THREAD.getCurrentThreadCpuTime();
            ModelOutput output = model.process(millis.at(i), values[i]);
            if (nanos != null) {
                nanos[i] = THREAD.getCurrentThreadCpuTime() - start;
            }
            hash = 31 * hash + hash(output);
            if (nanos != null
                    && (Arrays.binarySearch(CHECKPOINTS, i + 1) >= 0 || i + 1 == samples)) {
                printBreakdown(model, i + 1);
            }
        }
        return hash;
    }

    private static long hash(ModelOutput o) {
        long hash = Double.doubleToRawLongBits(o.anomalyScore());
        hash = 31 * hash + Double.doubleToRawLongBits(o.likelihood());
        hash = 31 * hash + (o.spatialAnomaly() ? 1 : 0);
        hash = 31 * hash + (o.expectedValue() == null ? 7 : o.expectedValue().hashCode());
        if (o.prediction() != null) {
            hash = 31 * hash + o.prediction().timestampMillis();
            hash = 31 * hash + Double.doubleToRawLongBits(o.prediction().value());
            hash = 31 * hash + Double.doubleToRawLongBits(o.prediction().confidence());
        }
        return hash;
    }

    private static void printBreakdown(MetricModel model, int seen) throws Exception {
        Object network = field(model, "anomalyNetwork");
        Object pooler = field(network, "spatialPooler");
        Object tm = field(network, "temporalMemory");
        Object dendrites = field(tm, "dendrites");
        // A pooler that does not learn holds pools shared by every model with its parameters, and
        // the temporal memory's permanence codes are shared likewise: they are not this model's
        // memory, so they are shown once and left out of the other rows.
        Object pools = (boolean) field(pooler, "learns") ? null : field(pooler, "pools");
        Object codes = field(dendrites, "codes");
        Object[] shared = pools == null ? new Object[] {codes} : new Object[] {pools, codes};
        row(seen, "whole model", model, shared);
        row(seen, "network", network, shared);
        row(seen, "  spatial pooler", pooler, shared);
        if (pools != null) {
            System.out.printf(
                    "| | %d | (pools shared by every model with these parameters: %.1f KB) | | |%n",
                    seen, GraphLayout.parseInstance(pools).totalSize() / 1024.0);
        }
        row(seen, "  temporal memory", tm, shared);
        row(seen, "    dendrites", dendrites, shared);
        System.out.printf(
                "| | %d | (permanence codes shared by every model with these parameters: %d"
                        + " codes, %.1f KB) | | |%n",
                seen,
                invoke(codes, "count"),
                GraphLayout.parseInstance(codes).totalSize() / 1024.0);
        System.out.printf(
                "| | %d | (synapses %s, segments %d, segment ids %s) | | |%n",
                seen,
                invoke(dendrites, "synapseCount"),
                (int) field(dendrites, "segmentLimit") - (int) field(dendrites, "freeCount"),
                field(dendrites, "segmentLimit"));
        row(seen, "  value encoder", field(network, "valueEncoder"), shared);
        row(seen, "classifier", field(model, "classifier"), shared);
        row(seen, "likelihood", field(model, "likelihood"), shared);
    }

    private static Object invoke(Object owner, String method) throws ReflectiveOperationException {
        Method m = owner.getClass().getDeclaredMethod(method);
        m.setAccessible(true);
        return m.invoke(owner);
    }

    /** One component's heap, less what it holds of {@code shared}, and its snapshot bytes. */
    private static void row(int seen, String component, Object part, Object[] shared)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Method write = part.getClass().getDeclaredMethod("writeTo", DataOutput.class);
        write.setAccessible(true);
        write.invoke(part, new DataOutputStream(bytes));
        GraphLayout heap =
                GraphLayout.parseInstance(part).subtract(GraphLayout.parseInstance(shared));
        System.out.printf(
                "| | %d | %s | %.1f | %.1f |%n",
                seen, component, heap.totalSize() / 1024.0, bytes.size() / 1024.0);
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
