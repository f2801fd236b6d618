package io.pensu.flink.nab;

import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * How well the job predicts: NAB series through the job's detector in its default configuration,
 * once per HTM engine, and each prediction (PENSU_PREDICTION_STEPS samples ahead) against the value
 * that came, next to the naive forecast "the last value". Table in {@code
 * <out>/prediction-errors.md}.
 *
 * <p>Arguments (all optional): {@code --nab DIR} (benchmarks/nab), {@code --out DIR}
 * (benchmarks/target/prediction-results), {@code --parallelism N} (all cores), {@code --files
 * a.csv,b.csv} (default: every file of realAWSCloudwatch), {@code --engines htm.java,compact}
 * (default: every engine).
 */
public final class PredictionErrorBenchmark {

    private static final String DEFAULT_CATEGORY = "realAWSCloudwatch";

    private PredictionErrorBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = NabBenchmark.options(args);
        Path nab = Path.of(options.getOrDefault("--nab", "benchmarks/nab"));
        Path out = Path.of(options.getOrDefault("--out", "benchmarks/target/prediction-results"));
        int parallelism = NabBenchmark.parallelism(options);
        List<String> engines =
                options.containsKey("--engines")
                        ? Arrays.asList(options.get("--engines").split(","))
                        : List.copyOf(PensuConfig.HTM_ENGINES);
        NabCorpus corpus =
                NabCorpus.read(
                        nab,
                        options.containsKey("--files")
                                ? Arrays.asList(options.get("--files").split(","))
                                : filesOf(nab, DEFAULT_CATEGORY));

        Map<String, Map<String, PredictionError>> byEngine = new LinkedHashMap<>();
        Map<String, PredictionError> naive = new HashMap<>();
        int steps = 0;
        StringBuilder times = new StringBuilder();
        for (String engine : engines) {
            Map<String, String> settings = new HashMap<>(NabBenchmark.SPEED_ONLY_SETTINGS);
            settings.put("PENSU_HTM_ENGINE", engine);
            PensuConfig config = PensuConfig.load(settings, new String[0]);
            steps = config.get(Settings.PREDICTION_STEPS);
            long start = System.nanoTime();
            Map<String, FileDetections> detections =
                    NabBenchmark.detect(nab, corpus, parallelism, config);
            times.append(
                    String.format(
                            "%s: %s. ",
                            engine, Progress.format(Duration.ofNanos(System.nanoTime() - start))));
            Map<String, PredictionError> errors = new LinkedHashMap<>();
            for (NabDataFile file : corpus.files().values()) {
                FileDetections detected = detections.get(file.name());
                double[] values = file.values();
                errors.put(
                        file.name(),
                        PredictionError.of(
                                values, detected.predictions(), detected.rejected(), steps));
                naive.putIfAbsent(
                        file.name(),
                        PredictionError.of(
                                values,
                                PredictionError.lastValueAt(values, detected.predictions()),
                                detected.rejected(),
                                steps));
            }
            byEngine.put(engine, errors);
        }

        String md =
                String.format(
                        "Prediction %d samples ahead, %d files, %d rows, default configuration,"
                                + " parallelism %d; detection took %s%n%n%s",
                        steps,
                        corpus.files().size(),
                        corpus.rowCount(),
                        parallelism,
                        times.toString().strip(),
                        table(corpus, naive, byEngine));
        Files.createDirectories(out);
        Files.writeString(out.resolve("prediction-errors.md"), md, StandardCharsets.UTF_8);
        System.out.println(md);
    }

    private static List<String> filesOf(Path nab, String category) throws IOException {
        try (Stream<Path> files = Files.list(nab.resolve("data").resolve(category))) {
            return files.map(f -> category + "/" + f.getFileName()).sorted().toList();
        }
    }

    /**
     * One row per file and a last row of means over the files (each file counts the same); per
     * forecaster MAE and RMSE as % of the series' range, and MAPE.
     */
    static String table(
            NabCorpus corpus,
            Map<String, PredictionError> naive,
            Map<String, Map<String, PredictionError>> byEngine) {
        Map<String, Map<String, PredictionError>> forecasters = new LinkedHashMap<>();
        forecasters.put("last value", naive);
        forecasters.putAll(byEngine);
        StringBuilder md = new StringBuilder("| file | pairs |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String name : forecasters.keySet()) {
            md.append(String.format(" %1$s MAE %% | %1$s NRMSE %% | %1$s MAPE %% |", name));
            rule.append("---|---|---|");
        }
        md.append('\n').append(rule).append('\n');
        List<String> files = new ArrayList<>(corpus.files().keySet());
        files.sort(null);
        for (String file : files) {
            md.append("| ").append(file.substring(file.indexOf('/') + 1)).append(" | ");
            md.append(naive.get(file).pairs()).append(" |");
            forecasters.values().forEach(errors -> md.append(cells(errors.get(file))));
            md.append('\n');
        }
        summaryRow(md, "mean", forecasters, PredictionErrorBenchmark::mean);
        summaryRow(md, "median", forecasters, PredictionErrorBenchmark::median);
        return md.toString();
    }

    /** A row of one statistic over the files; the median, since MAPE explodes near zero values. */
    private static void summaryRow(
            StringBuilder md,
            String statistic,
            Map<String, Map<String, PredictionError>> forecasters,
            ToDoubleFunction<double[]> over) {
        md.append("| **").append(statistic).append(" of the files** | |");
        for (Map<String, PredictionError> errors : forecasters.values()) {
            md.append(
                    cells(
                            new PredictionError(
                                    0,
                                    over.applyAsDouble(of(errors, PredictionError::maeOfRange)),
                                    over.applyAsDouble(of(errors, PredictionError::rmseOfRange)),
                                    over.applyAsDouble(of(errors, PredictionError::mape)))));
        }
        md.append('\n');
    }

    private static double[] of(
            Map<String, PredictionError> errors, ToDoubleFunction<PredictionError> metric) {
        return errors.values().stream().mapToDouble(metric).toArray();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String cells(PredictionError error) {
        return String.format(
                " %.2f | %.2f | %.1f |",
                100 * error.maeOfRange(), 100 * error.rmseOfRange(), 100 * error.mape());
    }
}
