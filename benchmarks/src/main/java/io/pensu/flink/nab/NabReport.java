package io.pensu.flink.nab;

import io.pensu.flink.nab.NabScore.ScoreSum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** NAB scores as Markdown tables. */
final class NabReport {

    private NabReport() {}

    /** Threshold, raw and normalised score per profile. */
    static String profiles(Map<NabProfile, NabScore> scores) {
        StringBuilder md = new StringBuilder("| profile | threshold | raw score | NAB score |\n");
        md.append("|---|---|---|---|\n");
        for (NabScore score : scores.values()) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.6f | %.3f | %.2f |%n",
                            score.profile().nabName(),
                            score.threshold(),
                            score.corpus().raw(),
                            score.corpus().normalized()));
        }
        return md.toString();
    }

    /**
     * Each category's score at the corpus-wide thresholds; a category without windows shows its raw
     * score (false positives only).
     */
    static String categories(Map<NabProfile, NabScore> scores) {
        StringBuilder md = new StringBuilder("| category | windows |");
        scores.keySet().forEach(p -> md.append(' ').append(p.nabName()).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(scores.size())).append('\n');
        NabScore any = scores.values().iterator().next();
        for (String category : any.categories().keySet()) {
            md.append("| ")
                    .append(category)
                    .append(" | ")
                    .append(any.categories().get(category).windows())
                    .append(" |");
            for (NabScore score : scores.values()) {
                ScoreSum sum = score.categories().get(category);
                md.append(' ')
                        .append(
                                sum.windows() == 0
                                        ? String.format(Locale.ROOT, "raw %.3f", sum.raw())
                                        : String.format(Locale.ROOT, "%.2f", sum.normalized()))
                        .append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** NAB's published scoreboard with {@code detector}'s row in its place. */
    static String scoreboard(
            Path publishedResults, String detector, Map<NabProfile, NabScore> ours) {
        record Row(String name, double standard, double lowFp, double lowFn) {}
        List<Row> rows = new ArrayList<>();
        try {
            new ObjectMapper()
                    .readTree(publishedResults.toFile())
                    .fields()
                    .forEachRemaining(
                            e -> {
                                JsonNode s = e.getValue();
                                rows.add(
                                        new Row(
                                                e.getKey(),
                                                s.get("standard").asDouble(),
                                                s.get("reward_low_FP_rate").asDouble(),
                                                s.get("reward_low_FN_rate").asDouble()));
                            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.add(
                new Row(
                        "**" + detector + "**",
                        ours.get(NabProfile.STANDARD).corpus().normalized(),
                        ours.get(NabProfile.REWARD_LOW_FP_RATE).corpus().normalized(),
                        ours.get(NabProfile.REWARD_LOW_FN_RATE).corpus().normalized()));
        rows.sort(Comparator.comparingDouble(Row::standard).reversed());
        StringBuilder md = new StringBuilder("| detector | standard | low FP | low FN |\n");
        md.append("|---|---|---|---|\n");
        for (Row row : rows) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.2f | %.2f | %.2f |%n",
                            row.name(),
                            row.standard(),
                            row.lowFp(),
                            row.lowFn()));
        }
        return md.toString();
    }
}
