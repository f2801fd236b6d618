package io.pensu.flink.nab;

import io.pensu.flink.charts.Panel;
import io.pensu.flink.charts.SvgChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One HTML page per NAB file (value, anomaly score, labelled windows, probation, and the detections
 * at the standard profile's threshold) and an index of them with their scores, so a person can see
 * where the detector is right and wrong.
 *
 * <p>Run on its own ({@code --nab DIR --results DIR}) it charts result files already written by
 * {@link NabBenchmark}.
 */
public final class NabCharts {

    private static final int WIDTH = 1400;
    private static final int VALUE_HEIGHT = 260;
    private static final int SCORE_HEIGHT = 120;
    private static final int GAP = 20;

    private NabCharts() {}

    public static void main(String[] args) throws IOException {
        Path nab = Path.of(args.length > 1 ? args[1] : "benchmarks/nab");
        Path results = Path.of(args.length > 3 ? args[3] : "benchmarks/target/nab-results");
        NabCorpus corpus = NabCorpus.read(nab);
        Map<String, double[]> scores =
                NabResultFiles.readScores(results, NabBenchmark.DETECTOR, corpus);
        NabScore standard = new NabScorer(corpus).score(scores).get(NabProfile.STANDARD);
        write(results.resolve("charts"), corpus, scores, standard);
        System.out.println("Charts in " + results.resolve("charts/index.html").toAbsolutePath());
    }

    /** Writes {@code dir/index.html} and a page per file, at {@code standard}'s threshold. */
    public static void write(
            Path dir, NabCorpus corpus, Map<String, double[]> scores, NabScore standard)
            throws IOException {
        Files.createDirectories(dir);
        NabScorer scorer = new NabScorer(corpus);
        StringBuilder index =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "<!DOCTYPE html><meta charset=utf-8><title>NAB: %s</title>"
                                        + "<h1>NAB: %s, standard profile, threshold %.6f, score"
                                        + " %.2f</h1><table><tr><th>file<th>windows<th>score",
                                NabBenchmark.DETECTOR,
                                NabBenchmark.DETECTOR,
                                standard.threshold(),
                                standard.corpus().normalized()));
        for (NabDataFile file : corpus.files().values()) {
            double fileScore =
                    scorer.fileScore(
                            file.name(),
                            scores.get(file.name()),
                            standard.threshold(),
                            NabProfile.STANDARD);
            String page = file.name().replace('/', '_').replace(".csv", ".html");
            Files.writeString(
                    dir.resolve(page),
                    page(file, corpus, scores.get(file.name()), standard.threshold(), fileScore),
                    StandardCharsets.UTF_8);
            index.append(
                    String.format(
                            Locale.ROOT,
                            "<tr><td><a href=\"%s\">%s</a><td>%d<td>%.3f",
                            page,
                            file.name(),
                            corpus.windows().get(file.name()).size(),
                            fileScore));
        }
        index.append("</table>");
        Files.writeString(dir.resolve("index.html"), index, StandardCharsets.UTF_8);
    }

    private static String page(
            NabDataFile file,
            NabCorpus corpus,
            double[] scores,
            double threshold,
            double fileScore) {
        int n = file.rows();
        double min = Arrays.stream(file.values()).min().orElse(0);
        double max = Arrays.stream(file.values()).max().orElse(1);
        SvgChart chart = new SvgChart(WIDTH, GAP, 0, n);
        chart.band(0, RowWeights.probationLength(n), "#ddd");
        for (AnomalyWindow w : corpus.windows().get(file.name())) {
            chart.band(w.first(), w.last() + 1, "#fcc");
        }
        double[] rows = IntStream.range(0, n).asDoubleStream().toArray();
        Panel valuePanel = chart.addPanel(VALUE_HEIGHT, min, max);
        Panel scorePanel = chart.addPanel(SCORE_HEIGHT, 0, 1);
        valuePanel.line(rows, file.values(), "#1f77b4", 1);
        scorePanel.line(rows, scores, "#ff7f0e", 1);
        for (int i = RowWeights.probationLength(n); i < n; i++) {
            if (scores[i] >= threshold) {
                valuePanel.verticalLine(i, "#d62728", 1.5);
            }
        }
        return String.format(
                Locale.ROOT,
                "<!DOCTYPE html><meta charset=utf-8><title>%s</title><h2>%s: score %.3f (standard,"
                        + " threshold %.6f)</h2><p>blue: value (%s .. %s); orange: anomaly_score"
                        + " (0..1, lower panel); pink: labelled windows; grey: probation; red"
                        + " lines: detections (score &ge; threshold).</p>%s",
                file.name(),
                file.name(),
                fileScore,
                threshold,
                min,
                max,
                chart.toSvg());
    }
}
