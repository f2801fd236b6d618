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
 * Writes NAB's realAWSCloudwatch series with {@link InjectedAnomalies} in NAB's own layout ({@code
 * data/<category>/<file>.csv}, {@code labels/combined_windows.json}), plus {@code injections.csv}
 * saying what was injected where, so that the NAB benchmark runs and scores it as it does NAB.
 *
 * <p>Arguments (all optional): {@code --nab DIR} (benchmarks/nab), {@code --out DIR}
 * (benchmarks/target/synthetic-nab), {@code --seed N} (2026).
 */
public final class SyntheticCorpus {

    static final String CATEGORY = "realAWSCloudwatch";
    static final long SEED = 2026;

    private SyntheticCorpus() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = NabBenchmark.options(args);
        Path nab = Path.of(options.getOrDefault("--nab", "benchmarks/nab"));
        Path out = Path.of(options.getOrDefault("--out", "benchmarks/target/synthetic-nab"));
        long seed = Long.parseLong(options.getOrDefault("--seed", Long.toString(SEED)));
        List<Injected> injected = inject(NabCorpus.read(nab), seed);
        write(out, injected);
        System.out.printf(
                "%d anomalies injected into %d %s series in %s%n",
                injected.stream().mapToInt(i -> i.injections().size()).sum(),
                injected.size(),
                CATEGORY,
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

    static void write(Path out, List<Injected> injected) {
        Map<String, List<List<String>>> labels = new LinkedHashMap<>();
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
                List<List<String>> windows = new ArrayList<>();
                for (AnomalyWindow window : series.windows()) {
                    windows.add(
                            List.of(
                                    labelTimestamp(file, window.first()),
                                    labelTimestamp(file, window.last())));
                }
                labels.put(file.name(), windows);
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
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("labels/combined_windows.json").toFile(), labels);
            Files.writeString(out.resolve("injections.csv"), log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NAB writes window ends with microseconds. */
    private static String labelTimestamp(NabDataFile file, int row) {
        return file.timestamps().get(row) + ".000000";
    }
}
