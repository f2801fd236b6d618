package io.pensu.flink.bench;

import io.pensu.flink.detect.DetectorSettings;
import io.pensu.flink.detect.MetricModel;
import io.pensu.flink.job.DetectionTopology;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.model.ModelParameters;
import io.pensu.flink.model.NetworkParameters;
import io.pensu.flink.rcf.RcfModel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongFunction;

/**
 * The whole model of one metric, the job's and Random Cut Forest's side by side in one run: heap
 * per live model (many models alive, live heap after GC divided by their number), serialized bytes
 * per model, and compute per sample (thread CPU time, so one core's) at each age. The job's model
 * is its {@link MetricModel} in the default configuration (networks, classifier, likelihood),
 * created after the learning samples and fed every sample as the detector feeds it, serialized as
 * the detector writes its snapshot; with {@code key=value} model parameters (as in {@code
 * PENSU_MODEL_PARAMETERS}, for both roles), also a model with those, e.g. the fleet configuration
 * {@code sp.learn=0 tm.maxSynapses=131072}. Random Cut Forest is {@link RcfModel}. Each model sees
 * its own {@link DailyPattern}; the models take their samples in turns, as the job's metrics
 * arrive. Run with {@code scripts/benchmarks.sh footprint [models] [ages...] [key=value...]}.
 */
public final class ModelFootprint {

    /** Compute is reported over this many samples before each age, of every model. */
    private static final int TIMED_SAMPLES = 1000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ModelFootprint() {}

    /** One detector's model of one metric, as the benchmark drives it. */
    private record Model(Learner learner, IntSupplier serializedBytes) {}

    private interface Learner {
        void process(long epochMillis, double value);
    }

    /**
     * Arguments: live models (default 8), then ages in samples (default 5000 20000), and model
     * parameters as {@code key=value} anywhere.
     */
    public static void main(String[] args) {
        List<String> changes = Arrays.stream(args).filter(a -> a.contains("=")).toList();
        int[] numbers =
                Arrays.stream(args)
                        .filter(a -> !a.contains("="))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        int models = numbers.length > 0 ? numbers[0] : 8;
        int[] ages =
                numbers.length > 1
                        ? Arrays.copyOfRange(numbers, 1, numbers.length)
                        : new int[] {5_000, 20_000};
        System.out.println(
                "| detector | samples seen | live models | heap per model | serialized per model"
                        + " | compute per sample, p50 | p99 | mean | samples/s per core |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        measure(
                "pensu (MetricModel, default configuration)",
                models,
                ages,
                seed -> pensu(seed, List.of()));
        if (!changes.isEmpty()) {
            measure(
                    "pensu (MetricModel, " + String.join(" ", changes) + ")",
                    models,
                    ages,
                    seed -> pensu(seed, changes));
        }
        measure("rcf (OpenSearch's configuration)", models, ages, ModelFootprint::rcf);
    }

    private static void measure(
            String detector, int count, int[] ages, LongFunction<Model> factory) {
        long heapBefore = usedHeap();
        List<Model> models = new ArrayList<>();
        List<DailyPattern> metrics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            metrics.add(new DailyPattern(i));
            models.add(factory.apply(i));
        }
        int seen = 0;
        for (int age : ages) {
            long[] nanos = new long[TIMED_SAMPLES * count];
            int timed = 0;
            for (; seen < age; seen++) {
                for (int i = 0; i < count; i++) {
                    DailyPattern metric = metrics.get(i);
                    long timestamp = metric.nextTimestampMillis();
                    double value = metric.nextValue();
                    long start = THREADS.getCurrentThreadCpuTime();
                    models.get(i).learner().process(timestamp, value);
                    long took = THREADS.getCurrentThreadCpuTime() - start;
                    if (seen >= age - TIMED_SAMPLES) {
                        nanos[timed++] = took;
                    }
                }
            }
            long heap = usedHeap() - heapBefore;
            long bytes = 0;
            for (Model model : models) {
                bytes += model.serializedBytes().getAsInt();
            }
            Arrays.sort(nanos);
            double mean = Arrays.stream(nanos).average().orElseThrow() / 1e3;
            System.out.println(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,d | %d | %.2f MB | %,d B | %.0f µs | %.0f µs | %.0f µs | %,.0f |",
                            detector,
                            age,
                            count,
                            heap / 1e6 / count,
                            bytes / count,
                            nanos[nanos.length / 2] / 1e3,
                            nanos[(int) (0.99 * nanos.length)] / 1e3,
                            mean,
                            1e6 / mean));
        }
        // The models stay reachable until the last heap was measured.
        if (models.size() != count) {
            throw new IllegalStateException();
        }
    }

    /**
     * The job's model, its parameters changed by {@code changes} ({@code key=value}) in both roles:
     * created from the first learning samples, which it then processes like every later sample, as
     * the detector does.
     */
    private static Model pensu(long seed, List<String> changes) {
        DetectorSettings settings =
                DetectionTopology.detectorSettings(PensuConfig.load(Map.of(), new String[0]));
        ModelParameters parameters = settings.parameterRules().resolve("metric");
        NetworkParameters anomaly = ParameterArguments.apply(parameters.anomaly(), changes);
        NetworkParameters prediction = ParameterArguments.apply(parameters.prediction(), changes);
        DailyPattern learning = new DailyPattern(seed);
        double[] values = learning.nextValues(settings.model().learningSamples());
        MetricModel model =
                MetricModel.create(
                        settings.model(), new ModelParameters(anomaly, prediction), values);
        return new Model(
                model::process,
                () -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (DataOutputStream out = new DataOutputStream(bytes)) {
                        model.writeTo(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return bytes.size();
                });
    }

    private static Model rcf(long seed) {
        RcfModel model = new RcfModel(seed);
        return new Model(model::process, () -> model.serialize().length);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
