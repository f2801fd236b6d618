package io.pensu.flink.nab;

import io.pensu.flink.job.DetectionTopology;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NAB benchmark: every NAB file through the job's detector in its default configuration, NAB
 * result files for the chosen alert score, and the scores, printed and in {@code <out>/summary.md}.
 *
 * <p>Arguments (all optional): {@code --nab DIR} (benchmarks/nab), {@code --out DIR}
 * (benchmarks/target/nab-results), {@code --parallelism N} (all cores), {@code --files a.csv,b.csv}
 * (a subset, names as in the labels), {@code --half A|B} (only that half of {@link NabHalves}),
 * {@code --alert-score likelihood|log-likelihood}, {@code --engine htm.java|compact}
 * (PENSU_HTM_ENGINE, default the job's default). PENSU_* variables in the environment change the
 * configuration the same way as for the job; the summary names them. {@code --detectors pensu,rcf}
 * (the default) also runs the peer detectors on the same files in the same run and reports them
 * side by side ({@link SideBySide}); result files go to {@code <out>/<detector>/}.
 */
public final class NabBenchmark {

    public static final String DETECTOR = "pensu";

    /**
     * Results do not depend on these (a model is rebuilt bit-identically from its snapshot and
     * journal), but the default periodic snapshot, ~1 s per 1000 samples, would add a third to the
     * run.
     */
    public static final Map<String, String> SPEED_ONLY_SETTINGS =
            Map.of("PENSU_SNAPSHOT_INTERVAL_SAMPLES", "1000000");

    private NabBenchmark() {}

    /** Everything a run gives: outcomes per file and the scores under each alert score. */
    public record Result(
            Map<String, FileDetections> detections,
            Map<AlertScore, Map<NabProfile, NabScore>> scores) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path nab = Path.of(options.getOrDefault("--nab", "benchmarks/nab"));
        Path out = Path.of(options.getOrDefault("--out", "benchmarks/target/nab-results"));
        int parallelism = parallelism(options);
        AlertScore alertScore =
                AlertScore.valueOf(
                        options.getOrDefault("--alert-score", "likelihood")
                                .toUpperCase()
                                .replace('-', '_'));
        List<String> detectors =
                Arrays.asList(
                        options.getOrDefault("--detectors", DETECTOR + "," + RcfPeer.NAME)
                                .split(","));
        NabCorpus corpus = half(options, corpus(nab, options));

        StringBuilder md = new StringBuilder();
        md.append(
                String.format(
                        "NAB, %d files, %d rows, %d windows; started %s at parallelism %d%n%n",
                        corpus.files().size(),
                        corpus.rowCount(),
                        corpus.windowCount(),
                        Instant.now(),
                        parallelism));
        Map<String, SideBySide.Run> runs = new LinkedHashMap<>();
        if (detectors.contains(DETECTOR)) {
            long start = System.nanoTime();
            Map<String, double[]> rows = pensu(nab, corpus, parallelism, alertScore, options, md);
            runs.put(
                    DETECTOR,
                    new SideBySide.Run(
                            rows, Double.NaN, Duration.ofNanos(System.nanoTime() - start)));
            writeResultFiles(out, DETECTOR, corpus, rows);
            NabCharts.write(
                    out.resolve("charts"),
                    corpus,
                    rows,
                    new NabScorer(corpus).score(rows).get(NabProfile.STANDARD));
        }
        for (PeerDetector peer : peers(detectors)) {
            long start = System.nanoTime();
            PeerDetector.PeerScores scores = peer.run(corpus, parallelism);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf(
                    "NAB: %d rows of %d files through %s in %s%n",
                    corpus.rowCount(), corpus.files().size(), peer.name(), Progress.format(took));
            runs.put(
                    peer.name(),
                    new SideBySide.Run(scores.scores(), scores.microsPerSample(), took));
            writeResultFiles(out, peer.name(), corpus, scores.scores());
        }
        md.append(SideBySide.markdown(corpus, runs));
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.md"), md, StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("Result files and summary.md in " + out.toAbsolutePath());
    }

    /**
     * The job's detector on {@code corpus}: its report (both alert scores, halves, categories, the
     * scoreboard when {@code nab} has NAB's published results) into {@code md}; returns the rows'
     * scores under {@code alertScore}.
     */
    private static Map<String, double[]> pensu(
            Path nab,
            NabCorpus corpus,
            int parallelism,
            AlertScore alertScore,
            Map<String, String> options,
            StringBuilder md)
            throws Exception {
        long start = System.nanoTime();
        Map<String, String> settings = new HashMap<>(SPEED_ONLY_SETTINGS);
        Map<String, String> fromEnvironment = pensuVariables();
        settings.putAll(fromEnvironment);
        if (options.containsKey("--engine")) {
            settings.put("PENSU_HTM_ENGINE", options.get("--engine"));
        }
        Result result = run(nab, corpus, parallelism, settings);
        String took = Progress.format(Duration.ofNanos(System.nanoTime() - start));

        md.append(
                String.format(
                        "## %s: the job's detector%n%nTook %s; anomaly_score = %s%n%n",
                        DETECTOR, took, alertScore));
        fromEnvironment.forEach(
                (name, value) ->
                        md.append("- `").append(name).append('=').append(value).append("`\n"));
        md.append('\n');
        result.scores()
                .forEach(
                        (score, byProfile) ->
                                md.append("### anomaly_score = ")
                                        .append(score)
                                        .append("\n\n")
                                        .append(NabReport.profiles(byProfile))
                                        .append('\n'));
        Map<NabProfile, NabScore> chosen = result.scores().get(alertScore);
        if (!options.containsKey("--half")) {
            md.append(halves(corpus, result, alertScore));
        }
        md.append("### Per category (")
                .append(alertScore)
                .append(")\n\n")
                .append(NabReport.categories(chosen))
                .append('\n');
        Path published = nab.resolve("reference-results/published_final_results.json");
        if (Files.exists(published)) {
            md.append("### Against NAB's scoreboard\n\n")
                    .append(NabReport.scoreboard(published, DETECTOR, chosen))
                    .append('\n');
        }
        Map<String, double[]> rows = new HashMap<>();
        result.detections().forEach((name, file) -> rows.put(name, file.scores(alertScore)));
        return rows;
    }

    private static List<PeerDetector> peers(List<String> detectors) {
        List<PeerDetector> peers = new ArrayList<>();
        for (String name : detectors) {
            if (name.equals(RcfPeer.NAME)) {
                peers.add(new RcfPeer());
            } else if (!name.equals(DETECTOR)) {
                throw new IllegalArgumentException(
                        "--detectors: unknown detector '"
                                + name
                                + "'; known: "
                                + DETECTOR
                                + ", "
                                + RcfPeer.NAME);
            }
        }
        return peers;
    }

    private static void writeResultFiles(
            Path out, String detector, NabCorpus corpus, Map<String, double[]> rows) {
        for (NabDataFile file : corpus.files().values()) {
            NabResultFiles.write(
                    out, detector, file, corpus.windows().get(file.name()), rows.get(file.name()));
        }
    }

    /**
     * Runs {@code corpus} through the detector in its default configuration, changed only by {@code
     * settings} (PENSU_* variables), and scores it.
     */
    public static Result run(
            Path nab, NabCorpus corpus, int parallelism, Map<String, String> settings)
            throws Exception {
        Map<String, FileDetections> detections =
                detect(nab, corpus, parallelism, PensuConfig.load(settings, new String[0]));
        NabScorer scorer = new NabScorer(corpus);
        Map<AlertScore, Map<NabProfile, NabScore>> scores = new EnumMap<>(AlertScore.class);
        for (AlertScore alertScore : AlertScore.values()) {
            Map<String, double[]> rows = new HashMap<>();
            detections.forEach((name, file) -> rows.put(name, file.scores(alertScore)));
            scores.put(alertScore, scorer.score(rows));
        }
        return new Result(detections, scores);
    }

    /** Each half of {@link NabHalves} scored as a corpus of its own (its own thresholds). */
    private static String halves(NabCorpus corpus, Result result, AlertScore alertScore) {
        StringBuilder md = new StringBuilder();
        for (boolean first : new boolean[] {true, false}) {
            NabCorpus half = NabHalves.half(corpus, first);
            if (half.windowCount() == 0) {
                continue;
            }
            Map<String, double[]> rows = new HashMap<>();
            half.files()
                    .keySet()
                    .forEach(
                            name ->
                                    rows.put(
                                            name,
                                            result.detections().get(name).scores(alertScore)));
            md.append(
                            String.format(
                                    "### Half %s (%d files, %d windows; %s)%n%n",
                                    first ? "A" : "B",
                                    half.files().size(),
                                    half.windowCount(),
                                    alertScore))
                    .append(NabReport.profiles(new NabScorer(half).score(rows)))
                    .append('\n');
        }
        return md.toString();
    }

    /** Runs {@code corpus} through the detector configured by {@code config}. */
    static Map<String, FileDetections> detect(
            Path nab, NabCorpus corpus, int parallelism, PensuConfig config) throws Exception {
        return new NabDetectionRun(
                        DetectionTopology.detectorSettings(config),
                        parallelism,
                        config.get(Settings.MAX_PARALLELISM),
                        System.out)
                .run(nab.resolve("data"), corpus);
    }

    /** The PENSU_* variables of the environment, by name. */
    static Map<String, String> pensuVariables() {
        Map<String, String> variables = new TreeMap<>();
        System.getenv()
                .forEach(
                        (name, value) -> {
                            if (name.startsWith("PENSU_")) {
                                variables.put(name, value);
                            }
                        });
        return variables;
    }

    /** {@code --parallelism N}, by default all cores. */
    static int parallelism(Map<String, String> options) {
        return Integer.parseInt(
                options.getOrDefault(
                        "--parallelism",
                        Integer.toString(Runtime.getRuntime().availableProcessors())));
    }

    private static NabCorpus corpus(Path nab, Map<String, String> options) {
        return options.containsKey("--files")
                ? NabCorpus.read(nab, Arrays.asList(options.get("--files").split(",")))
                : NabCorpus.read(nab);
    }

    /** Only one of {@link NabHalves}, to compare settings on half A without running half B. */
    private static NabCorpus half(Map<String, String> options, NabCorpus corpus) {
        String half = options.get("--half");
        if (half == null) {
            return corpus;
        }
        if (!half.equals("A") && !half.equals("B")) {
            throw new IllegalArgumentException("--half must be A or B, got '" + half + "'");
        }
        return NabHalves.half(corpus, half.equals("A"));
    }

    static Map<String, String> options(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: " + List.of(args));
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
