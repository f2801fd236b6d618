package io.pensu.flink.nab;

import io.pensu.flink.nab.NabScore.ScoreSum;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Scores a detector's per-row anomaly scores on a NAB corpus as NAB does (see {@code
 * reference/nab.md}): one threshold per profile for the whole corpus, chosen among all distinct
 * scores of the scored rows by a single descending sweep.
 */
public final class NabScorer {

    /** The threshold that detects nothing; NAB's sweep starts there. */
    public static final double NOTHING_DETECTED = 1.1;

    private final NabCorpus corpus;
    private final Map<String, RowWeights> weights = new HashMap<>();

    public NabScorer(NabCorpus corpus) {
        this.corpus = corpus;
        corpus.files()
                .forEach(
                        (name, file) ->
                                weights.put(
                                        name,
                                        RowWeights.of(
                                                file.rows(),
                                                corpus.windows().get(name),
                                                corpus.ignored(name))));
    }

    /**
     * @param anomalyScores per file name, one score per row of the file, in file order
     */
    public Map<NabProfile, NabScore> score(Map<String, double[]> anomalyScores) {
        ScoredRows rows = scoredRows(anomalyScores);
        Map<NabProfile, NabScore> result = new EnumMap<>(NabProfile.class);
        for (NabProfile profile : NabProfile.values()) {
            double threshold = bestThreshold(rows, profile);
            result.put(profile, scoreAt(profile, threshold, anomalyScores));
        }
        return result;
    }

    /** The file's score when rows scoring at least {@code threshold} are detections. */
    double fileScore(String name, double[] scores, double threshold, NabProfile profile) {
        RowWeights file = weights.get(name);
        double[] windowScores = new double[corpus.windows().get(name).size()];
        Arrays.fill(windowScores, -profile.falseNegativeWeight());
        double falsePositives = 0;
        for (int i = file.probation(); i < scores.length; i++) {
            if (scores[i] < threshold) {
                continue;
            }
            int window = file.window()[i];
            if (window >= 0) {
                windowScores[window] = Math.max(windowScores[window], file.weight(i, profile));
            } else {
                falsePositives += file.weight(i, profile);
            }
        }
        return falsePositives + Arrays.stream(windowScores).sum();
    }

    /**
     * The score at a given threshold, e.g. a published one: NAB's own optimizer was a local search
     * and did not always find the best threshold.
     */
    public NabScore scoreAt(
            NabProfile profile, double threshold, Map<String, double[]> anomalyScores) {
        Map<String, double[]> sums = new TreeMap<>();
        double total = 0;
        for (NabDataFile file : corpus.files().values()) {
            double fileScore =
                    fileScore(file.name(), scoresOf(anomalyScores, file), threshold, profile);
            total += fileScore;
            double[] sum = sums.computeIfAbsent(file.category(), c -> new double[2]);
            sum[0] += fileScore;
            sum[1] += corpus.windows().get(file.name()).size();
        }
        Map<String, ScoreSum> categories = new TreeMap<>();
        sums.forEach(
                (category, sum) ->
                        categories.put(category, new ScoreSum(sum[0], (int) sum[1], profile)));
        return new NabScore(
                profile, threshold, new ScoreSum(total, corpus.windowCount(), profile), categories);
    }

    /**
     * Lowers the threshold one distinct score at a time, keeping each window's best detection and
     * the sum of false positives up to date; a later (lower) threshold wins only when strictly
     * better, so ties go to the highest threshold.
     */
    private static double bestThreshold(ScoredRows rows, NabProfile profile) {
        double[] windowScores = new double[rows.windowCount];
        Arrays.fill(windowScores, -profile.falseNegativeWeight());
        double total = -profile.falseNegativeWeight() * rows.windowCount;
        double bestTotal = total;
        double bestThreshold = NOTHING_DETECTED;
        int n = rows.order.length;
        for (int k = 0; k < n; ) {
            double threshold = rows.score[rows.order[k]];
            for (; k < n && rows.score[rows.order[k]] == threshold; k++) {
                int row = rows.order[k];
                double weight = rows.weights[row].weight(rows.rowInFile[row], profile);
                int window = rows.window[row];
                if (window < 0) {
                    total += weight;
                } else if (weight > windowScores[window]) {
                    total += weight - windowScores[window];
                    windowScores[window] = weight;
                }
            }
            if (total > bestTotal) {
                bestTotal = total;
                bestThreshold = threshold;
            }
        }
        return bestThreshold;
    }

    /** Every row after its file's probation, sorted once by descending score. */
    private ScoredRows scoredRows(Map<String, double[]> anomalyScores) {
        int count = 0;
        for (NabDataFile file : corpus.files().values()) {
            count += file.rows() - weights.get(file.name()).probation();
        }
        ScoredRows rows = new ScoredRows(count);
        int next = 0;
        int windowOffset = 0;
        for (NabDataFile file : corpus.files().values()) {
            double[] scores = scoresOf(anomalyScores, file);
            RowWeights fileWeights = weights.get(file.name());
            for (int i = fileWeights.probation(); i < file.rows(); i++, next++) {
                rows.score[next] = scores[i];
                rows.rowInFile[next] = i;
                rows.weights[next] = fileWeights;
                int window = fileWeights.window()[i];
                rows.window[next] = window < 0 ? -1 : windowOffset + window;
            }
            windowOffset += corpus.windows().get(file.name()).size();
        }
        rows.windowCount = windowOffset;
        rows.order =
                IntStream.range(0, count)
                        .boxed()
                        .sorted(Comparator.comparingDouble((Integer r) -> rows.score[r]).reversed())
                        .mapToInt(Integer::intValue)
                        .toArray();
        return rows;
    }

    private static double[] scoresOf(Map<String, double[]> anomalyScores, NabDataFile file) {
        double[] scores = anomalyScores.get(file.name());
        if (scores == null || scores.length != file.rows()) {
            throw new IllegalArgumentException(
                    file.name()
                            + " needs "
                            + file.rows()
                            + " scores, got "
                            + (scores == null ? "none" : scores.length));
        }
        return scores;
    }

    /** The scored rows of all files, as parallel arrays, with their descending order. */
    private static final class ScoredRows {
        final double[] score;
        final int[] rowInFile;
        final int[] window;
        final RowWeights[] weights;
        int windowCount;
        int[] order;

        ScoredRows(int count) {
            score = new double[count];
            rowInFile = new int[count];
            window = new int[count];
            weights = new RowWeights[count];
        }
    }
}
