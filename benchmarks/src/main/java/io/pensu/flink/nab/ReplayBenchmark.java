package io.pensu.flink.nab;

import io.pensu.flink.detect.DetectorSettings;
import io.pensu.flink.job.DetectionTopology;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.nab.DetectorReplay.Combination;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scores variants of the detector side of the model ({@link DetectorReplay}) over several seeds of
 * the HTM networks, without Flink: each seed's {@link NetworkTrace}s are computed once and kept in
 * {@code --traces DIR/seed-N/} (the slow part, about as long as a NAB run), then every variant is
 * replayed on them in seconds. Reports NAB's three profiles per seed and their mean, for the whole
 * corpus and each of {@link NabHalves}, or for one half only ({@code --half A}, to choose on A
 * without reading B). {@code --nab DIR} scores another corpus in NAB's layout, such as the
 * synthetic one; {@code --threads N} runs files in parallel; {@code --out FILE} also writes the
 * table there. PENSU_* variables in the environment configure the model as for the job, except the
 * seed, which is {@code --seeds} (1960,2). Kept traces are read whatever the configuration: trace
 * another configuration or corpus into another {@code --traces} directory.
 */
public final class ReplayBenchmark {

    /** The variants a run can name in {@code --variants}; the first is the job's own detector. */
    static final Map<String, DetectorReplay> VARIANTS = variants();

    private ReplayBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = NabBenchmark.options(args);
        Path nab = Path.of(options.getOrDefault("--nab", "benchmarks/nab"));
        Path traces = Path.of(options.getOrDefault("--traces", "benchmarks/target/network-traces"));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "1"));
        long[] seeds =
                Arrays.stream(options.getOrDefault("--seeds", "1960,2").split(","))
                        .mapToLong(Long::parseLong)
                        .toArray();
        List<DetectorReplay> variants = new ArrayList<>();
        for (String name :
                options.getOrDefault("--variants", String.join(",", VARIANTS.keySet()))
                        .split(",")) {
            DetectorReplay variant = VARIANTS.get(name);
            if (variant == null) {
                throw new IllegalArgumentException(
                        "--variants: unknown '" + name + "'; known: " + VARIANTS.keySet());
            }
            variants.add(variant);
        }
        NabCorpus corpus = NabCorpus.read(nab);
        Map<String, NabCorpus> parts = new LinkedHashMap<>();
        String half = options.get("--half");
        if (half == null) {
            parts.put("all", corpus);
            parts.put("half A", NabHalves.half(corpus, true));
            parts.put("half B", NabHalves.half(corpus, false));
        } else if (half.equals("A") || half.equals("B")) {
            parts.put("half " + half, NabHalves.half(corpus, half.equals("A")));
        } else {
            throw new IllegalArgumentException("--half must be A or B, got '" + half + "'");
        }
        NabCorpus traced = parts.values().iterator().next();

        AnomalyLikelihood.Settings likelihood =
                DetectionTopology.detectorSettings(
                                PensuConfig.load(NabBenchmark.pensuVariables(), new String[0]))
                        .model()
                        .likelihood();
        // scores[variant][part][seed][profile]
        double[][][][] scores = new double[variants.size()][parts.size()][seeds.length][];
        CaughtWindows[] caught = new CaughtWindows[variants.size()];
        for (int s = 0; s < seeds.length; s++) {
            Map<String, NetworkTrace> bySeed =
                    traces(nab, traced, traces.resolve("seed-" + seeds[s]), seeds[s], threads);
            for (int v = 0; v < variants.size(); v++) {
                Map<String, double[]> rows = new TreeMap<>();
                for (NabDataFile file : traced.files().values()) {
                    rows.put(
                            file.name(),
                            variants.get(v).scores(file, bySeed.get(file.name()), likelihood));
                }
                int p = 0;
                for (NabCorpus part : parts.values()) {
                    Map<NabProfile, NabScore> byProfile = new NabScorer(part).score(rows);
                    scores[v][p][s] = profiles(byProfile);
                    if (p == 0 && s == 0) {
                        caught[v] = CaughtWindows.of(nab, part);
                    }
                    if (p == 0 && caught[v] != null) {
                        caught[v].add(rows, part, byProfile.get(NabProfile.STANDARD).threshold());
                    }
                    p++;
                }
            }
        }
        StringBuilder md = new StringBuilder(table(variants, parts.keySet(), seeds, scores));
        for (int v = 0; v < variants.size(); v++) {
            if (caught[v] != null) {
                md.append(
                        String.format(
                                "%n%s, injected windows at each seed's standard threshold: %s%n",
                                variants.get(v).name(), caught[v].summary()));
            }
        }
        System.out.println(md);
        if (options.containsKey("--out")) {
            Path out = Path.of(options.get("--out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        }
    }

    private static double[] profiles(Map<NabProfile, NabScore> byProfile) {
        return Arrays.stream(NabProfile.values())
                .mapToDouble(p -> byProfile.get(p).corpus().normalized())
                .toArray();
    }

    /** One row per variant and seed, then the variant's mean over the seeds. */
    private static String table(
            List<DetectorReplay> variants,
            Iterable<String> parts,
            long[] seeds,
            double[][][][] scores) {
        StringBuilder md = new StringBuilder("| variant | seed |");
        parts.forEach(part -> md.append(' ').append(part).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(scores[0].length)).append('\n');
        for (int v = 0; v < variants.size(); v++) {
            for (int s = 0; s <= seeds.length; s++) {
                boolean mean = s == seeds.length;
                md.append("| ")
                        .append(variants.get(v).name())
                        .append(" | ")
                        .append(mean ? "**mean**" : Long.toString(seeds[s]))
                        .append(" |");
                for (double[][] part : scores[v]) {
                    double[] shown = mean ? mean(part) : part[s];
                    md.append(
                            String.format(
                                    Locale.ROOT,
                                    " %.2f / %.2f / %.2f |",
                                    shown[0],
                                    shown[1],
                                    shown[2]));
                }
                md.append('\n');
            }
        }
        return md.append("\n(standard / reward_low_FP_rate / reward_low_FN_rate)\n").toString();
    }

    private static double[] mean(double[][] bySeed) {
        double[] mean = new double[bySeed[0].length];
        for (double[] seed : bySeed) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += seed[i] / bySeed.length;
            }
        }
        return mean;
    }

    /** Each file's trace under {@code seed}, read from {@code dir} or computed and kept there. */
    private static Map<String, NetworkTrace> traces(
            Path nab, NabCorpus corpus, Path dir, long seed, int threads) throws Exception {
        Map<String, String> settings = NabBenchmark.pensuVariables();
        if (settings.containsKey("PENSU_MODEL_PARAMETERS")) {
            throw new IllegalArgumentException(
                    "PENSU_MODEL_PARAMETERS is set: the replay sets the seed itself (--seeds)");
        }
        settings.put(
                "PENSU_MODEL_PARAMETERS",
                "[{\"metrics\": \"\", \"both\": {\"seed\": " + seed + "}}]");
        DetectorSettings detector =
                DetectionTopology.detectorSettings(PensuConfig.load(settings, new String[0]));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Map<String, Future<NetworkTrace>> futures = new TreeMap<>();
            for (NabDataFile file : corpus.files().values()) {
                Path cached = dir.resolve(file.name() + ".raw-trace");
                futures.put(
                        file.name(),
                        pool.submit(
                                () -> {
                                    if (Files.exists(cached)) {
                                        return read(cached);
                                    }
                                    NetworkTrace trace =
                                            NetworkTrace.of(
                                                    file,
                                                    detector.model(),
                                                    detector.parameterRules()
                                                            .resolve(file.name())
                                                            .anomaly());
                                    write(cached, trace);
                                    System.out.printf("seed %d: %s traced%n", seed, file.name());
                                    return trace;
                                }));
            }
            Map<String, NetworkTrace> result = new TreeMap<>();
            for (Map.Entry<String, Future<NetworkTrace>> e : futures.entrySet()) {
                result.put(e.getKey(), e.getValue().get());
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private static NetworkTrace read(Path file) {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return NetworkTrace.readFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written to a temporary file first, so that an interrupted run leaves no partial trace. */
    private static void write(Path file, NetworkTrace trace) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            trace.writeTo(out);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Map<String, DetectorReplay> variants() {
        Map<String, DetectorReplay> variants = new LinkedHashMap<>();
        // name, residual, combination, residual tests, quiet, quiet after a residual alert, re-arm
        Object[][] table = {
            {"network only", false, Combination.MAX, 1, 48, 48, DetectorReplay.NO_REARM},
            {"fisher", true, Combination.FISHER, 1, 48, 48, DetectorReplay.NO_REARM},
            {"residual x10", true, Combination.MAX, 10, 48, 48, DetectorReplay.NO_REARM},
            {
                "quiet 48 (default before)",
                true,
                Combination.MAX,
                1,
                48,
                48,
                DetectorReplay.NO_REARM
            },
            {"quiet 144", true, Combination.MAX, 1, 144, 144, DetectorReplay.NO_REARM},
            {
                "residual alerts quiet 288",
                true,
                Combination.MAX,
                1,
                48,
                288,
                DetectorReplay.NO_REARM
            },
            {"quiet 48 + re-arm below 0.99", true, Combination.MAX, 1, 48, 48, 0.99},
            {"quiet 96 + re-arm below 0.99", true, Combination.MAX, 1, 96, 96, 0.99},
            {"residual x10 + quiet 96", true, Combination.MAX, 10, 96, 96, DetectorReplay.NO_REARM},
            {
                "residual x10 + residual alerts quiet 288",
                true,
                Combination.MAX,
                10,
                48,
                288,
                DetectorReplay.NO_REARM
            },
            {
                "residual x10 + quiet 96 + residual alerts quiet 288",
                true,
                Combination.MAX,
                10,
                96,
                288,
                DetectorReplay.NO_REARM
            },
        };
        variants.put(DetectorReplay.DEFAULT.name(), DetectorReplay.DEFAULT);
        for (Object[] row : table) {
            DetectorReplay variant =
                    new DetectorReplay(
                            (String) row[0],
                            (Boolean) row[1],
                            (Combination) row[2],
                            ((Number) row[3]).doubleValue(),
                            (Integer) row[4],
                            (Integer) row[5],
                            ((Number) row[6]).doubleValue(),
                            0,
                            false,
                            false,
                            false);
            variants.put(variant.name(), variant);
        }
        // Issue 11's warm-up candidate S: the first estimate from 50 settled samples, not 100.
        DetectorReplay d = DetectorReplay.DEFAULT;
        DetectorReplay estimation50 =
                new DetectorReplay(
                        "estimation 50",
                        d.residual(),
                        d.combination(),
                        d.residualTests(),
                        d.quietSamples(),
                        d.residualQuietSamples(),
                        d.rearm(),
                        50,
                        false,
                        false,
                        false);
        variants.put(estimation50.name(), estimation50);
        // Issue 11's in-range candidates, the default's run (RC, adopted in the third round) left
        // out or kept: joint evidence of the two detectors (F, FD). The variants above were
        // measured before the run; the residual against the trend (P, rejected in the third round)
        // is at commit 407d1b2.
        Object[][] inRange = {
            {"median alone (default before)", Combination.MAX, false},
            {"F", Combination.MAX_FISHER, false},
            {"FD", Combination.MAX_FISHER_DEPENDENT, false},
            {"F + RC", Combination.MAX_FISHER, true},
        };
        for (Object[] row : inRange) {
            DetectorReplay variant =
                    new DetectorReplay(
                            (String) row[0],
                            d.residual(),
                            (Combination) row[1],
                            d.residualTests(),
                            d.quietSamples(),
                            d.residualQuietSamples(),
                            d.rearm(),
                            d.likelihoodEstimation(),
                            (Boolean) row[2],
                            false,
                            false);
            variants.put(variant.name(), variant);
        }
        // Issue 11's fourth round, rejected, on top of the default: the residual's evidence at the
        // alert level as a decision (D); a spatial anomaly in the direction of one within the
        // quiet period before is the same excursion (Q). The residual in units of the local spread
        // (S, S + D) or of the larger of the local and the usual spread (SM) is at commit 5f61e54.
        variants.put("D", d.withFourthRound("D", true, false));
        variants.put("Q", d.withFourthRound("Q", false, true));
        return java.util.Collections.unmodifiableMap(variants);
    }
}
