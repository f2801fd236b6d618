package io.pensu.flink.nab;

import io.pensu.flink.nab.NabScore.ScoreSum;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Several detectors' NAB scores on the same corpus as Markdown tables, each scored by the same
 * {@link NabScorer} with its own threshold per profile: the whole corpus, each category, and each
 * of {@link NabHalves}' halves scored as a corpus of its own.
 */
final class SideBySide {

    private SideBySide() {}

    /**
     * One detector's run.
     *
     * @param scores per file name, one anomaly score per row
     * @param microsPerSample its model's compute per sample on one core; NaN where not measured in
     *     the run
     * @param took wall time of the run
     */
    record Run(Map<String, double[]> scores, double microsPerSample, Duration took) {}

    static String markdown(NabCorpus corpus, Map<String, Run> runs) {
        Map<String, Map<NabProfile, NabScore>> scores = new LinkedHashMap<>();
        runs.forEach((name, run) -> scores.put(name, new NabScorer(corpus).score(run.scores())));
        StringBuilder md = new StringBuilder("## Side by side\n\n");
        md.append(
                "| detector | standard | low FP | low FN | thresholds | compute per sample | run"
                        + " took |\n|---|---|---|---|---|---|---|\n");
        runs.forEach(
                (name, run) -> {
                    Map<NabProfile, NabScore> byProfile = scores.get(name);
                    md.append(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | %s | %.4f / %.4f / %.4f | %s | %s |%n",
                                    name,
                                    normalized(byProfile),
                                    byProfile.get(NabProfile.STANDARD).threshold(),
                                    byProfile.get(NabProfile.REWARD_LOW_FP_RATE).threshold(),
                                    byProfile.get(NabProfile.REWARD_LOW_FN_RATE).threshold(),
                                    Double.isNaN(run.microsPerSample())
                                            ? "n/a"
                                            : String.format(
                                                    Locale.ROOT, "%.0f µs", run.microsPerSample()),
                                    Progress.format(run.took())));
                });
        md.append("\n### Per category (standard / low FP / low FN)\n\n| category | windows |");
        runs.keySet().forEach(name -> md.append(' ').append(name).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(runs.size())).append('\n');
        Map<String, ScoreSum> categories =
                scores.values().iterator().next().get(NabProfile.STANDARD).categories();
        for (Map.Entry<String, ScoreSum> category : categories.entrySet()) {
            md.append(
                    String.format("| %s | %d |", category.getKey(), category.getValue().windows()));
            for (Map<NabProfile, NabScore> byProfile : scores.values()) {
                md.append(' ').append(category(byProfile, category.getKey())).append(" |");
            }
            md.append('\n');
        }
        md.append(
                "\n### Halves, each scored as a corpus of its own (standard / low FP / low FN)\n\n");
        md.append("| half | files | windows |");
        runs.keySet().forEach(name -> md.append(' ').append(name).append(" |"));
        md.append("\n|---|---|---|").append("---|".repeat(runs.size())).append('\n');
        for (boolean first : new boolean[] {true, false}) {
            NabCorpus half = NabHalves.half(corpus, first);
            if (half.windowCount() == 0) {
                continue;
            }
            md.append(
                    String.format(
                            "| %s | %d | %d |",
                            first ? "A" : "B", half.files().size(), half.windowCount()));
            for (Run run : runs.values()) {
                Map<String, double[]> rows = new HashMap<>();
                half.files().keySet().forEach(name -> rows.put(name, run.scores().get(name)));
                md.append(' ')
                        .append(normalized(new NabScorer(half).score(rows)).replace(" | ", " / "))
                        .append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private static String normalized(Map<NabProfile, NabScore> byProfile) {
        return String.format(
                Locale.ROOT,
                "%.2f | %.2f | %.2f",
                byProfile.get(NabProfile.STANDARD).corpus().normalized(),
                byProfile.get(NabProfile.REWARD_LOW_FP_RATE).corpus().normalized(),
                byProfile.get(NabProfile.REWARD_LOW_FN_RATE).corpus().normalized());
    }

    /** A category at the corpus-wide thresholds; without windows, its raw score (false alarms). */
    private static String category(Map<NabProfile, NabScore> byProfile, String category) {
        StringBuilder cell = new StringBuilder();
        for (NabScore score : byProfile.values()) {
            ScoreSum sum = score.categories().get(category);
            if (!cell.isEmpty()) {
                cell.append(" / ");
            }
            cell.append(
                    sum.windows() == 0
                            ? String.format(Locale.ROOT, "raw %.2f", sum.raw())
                            : String.format(Locale.ROOT, "%.2f", sum.normalized()));
        }
        return cell.toString();
    }
}
