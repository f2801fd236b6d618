package io.pensu.flink.nab;

import io.pensu.flink.nab.InjectedAnomalies.Injected;
import io.pensu.flink.nab.InjectedAnomalies.Injection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes NAB series with {@link InjectedAnomalies} in NAB's own layout ({@code
 * data/<category>/<file>.csv}, {@code labels/combined_windows.json}, {@code
 * labels/ignored_windows.json} if any), plus {@code injections.csv} saying what was injected where,
 * so that the NAB benchmark runs and scores it as it does NAB. Two corpora, each fixed before any
 * detector was scored on it:
 *
 * <ul>
 *   <li>{@code synthetic}: the {@link #CATEGORY} series, their original windows still labelled,
 *       seed {@link #SEED};
 *   <li>{@code held-out}: every other series of NAB (41 files), labelled only where anomalies were
 *       injected, their original windows ignored, seed {@link #HELD_OUT_SEED}: series and anomalies
 *       that nothing was tuned on, for judging choices made on NAB and the synthetic corpus.
 * </ul>
 *
 * <p>Arguments (all optional): {@code --corpus synthetic|held-out} (synthetic), {@code --nab DIR}
 * (benchmarks/nab), {@code --out DIR} (benchmarks/target/synthetic-nab), {@code --seed N} (the
 * corpus' seed).
 */
public final class SyntheticCorpus {

    static final String CATEGORY = "realAWSCloudwatch";
    static final long SEED = 2026;
    static final long HELD_OUT_SEED = 11;

    private SyntheticCorpus() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = NabBenchmark.options(args);
        Path nab = Path.of(options.getOrDefault("--nab", "benchmarks/nab"));
        Path out = Path.of(options.getOrDefault("--out", "benchmarks/target/synthetic-nab"));
        String corpus = options.getOrDefault("--corpus", "synthetic");
        if (!corpus.equals("synthetic") && !corpus.equals("held-out")) {
            throw new IllegalArgumentException(
                    "--corpus must be synthetic or held-out, got '" + corpus + "'");
        }
        boolean heldOut = corpus.equals("held-out");
        long seed =
                Long.parseLong(
                        options.getOrDefault(
                                "--seed", Long.toString(heldOut ? HELD_OUT_SEED : SEED)));
        NabCorpus nabCorpus = NabCorpus.read(nab);
        List<Injected> injected = heldOut ? heldOut(nabCorpus, seed) : inject(nabCorpus, seed);
        write(out, injected);
        System.out.printf(
                "%d anomalies injected into %d series in %s%n",
                injected.stream().mapToInt(i -> i.injections().size()).sum(),
                injected.size(),
                out.toAbsolutePath());
    }

    /** Every {@link #CATEGORY} series of {@code corpus}, with its anomalies. */
    static List<Injected> inject(NabCorpus corpus, long seed) {
        List<Injected> injected = new ArrayList<>();
        corpus.files()
                .forEach(
                        (name, file) -> {
                            if (file.category().equals(CATEGORY)) {
                                injected.add(
                                        InjectedAnomalies.inject(
                                                file, corpus.windows().get(name), seed));
                            }
                        });
        return injected;
    }

    /**
     * Every series of {@code corpus} outside {@link #CATEGORY}, labelled only by its injected
     * anomalies.
     */
    static List<Injected> heldOut(NabCorpus corpus, long seed) {
        List<Injected> injected = new ArrayList<>();
        corpus.files()
                .forEach(
                        (name, file) -> {
                            if (!file.category().equals(CATEGORY)) {
                                injected.add(
                                        InjectedAnomalies.injectInstead(
                                                file, corpus.windows().get(name), seed));
                            }
                        });
        return injected;
    }

    static void write(Path out, List<Injected> injected) {
        Map<String, List<List<String>>> labels = new LinkedHashMap<>();
        Map<String, List<List<String>>> ignored = new LinkedHashMap<>();
        StringBuilder log = new StringBuilder("file,kind,first_timestamp,samples,magnitude\n");
        try {
            for (Injected series : injected) {
                NabDataFile file = series.file();
                Path data = out.resolve("data").resolve(file.name());
                Files.createDirectories(data.getParent());
                StringBuilder csv = new StringBuilder("timestamp,value\n");
                for (int row = 0; row < file.rows(); row++) {
                    csv.append(file.timestamps().get(row))
                            .append(',')
                            .append(file.values()[row])
                            .append('\n');
                }
                Files.writeString(data, csv, StandardCharsets.UTF_8);
                labels.put(file.name(), labels(file, series.windows()));
                if (!series.ignored().isEmpty()) {
                    ignored.put(file.name(), labels(file, series.ignored()));
                }
                for (Injection injection : series.injections()) {
                    log.append(
                            String.format(
                                    Locale.ROOT,
                                    "%s,%s,%s,%d,%.6g%n",
                                    file.name(),
                                    injection.kind(),
                                    file.timestamps().get(injection.first()),
                                    injection.length(),
                                    injection.magnitude()));
                }
            }
            Files.createDirectories(out.resolve("labels"));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            json.writeValue(out.resolve("labels/combined_windows.json").toFile(), labels);
            Path ignoredLabels = out.resolve(NabCorpus.IGNORED_LABELS);
            if (ignored.isEmpty()) {
                Files.deleteIfExists(ignoredLabels);
            } else {
                json.writeValue(ignoredLabels.toFile(), ignored);
            }
            Files.writeString(out.resolve("injections.csv"), log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<String>> labels(NabDataFile file, List<AnomalyWindow> windows) {
        List<List<String>> labels = new ArrayList<>();
        for (AnomalyWindow window : windows) {
            labels.add(
                    List.of(
                            labelTimestamp(file, window.first()),
                            labelTimestamp(file, window.last())));
        }
        return labels;
    }

    /** NAB writes window ends with microseconds. */
    private static String labelTimestamp(NabDataFile file, int row) {
        return file.timestamps().get(row) + ".000000";
    }
}
