package io.pensu.flink.nab;

import io.pensu.flink.nab.InjectedAnomalies.Kind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which injected anomalies of a synthetic corpus ({@code injections.csv}, {@link SyntheticCorpus})
 * a detector catches at a threshold: a window is caught when a row of it scores at least the
 * threshold, a near miss when its highest score lies in [{@link #NEAR}, threshold). Counts add up
 * over {@link #add} calls (e.g. model seeds), by kind and by series length.
 */
final class CaughtWindows {

    /** Where a near miss begins: the likelihood's scores crowd just below the corpus threshold. */
    static final double NEAR = 0.99;

    /** A short series, where the warm-up takes a large share of the rows. */
    static final int SHORT_ROWS = 3000;

    private record Labelled(String file, Kind kind, AnomalyWindow window) {}

    private final List<Labelled> injected;
    private final int[] caught = new int[Kind.values().length];
    private final int[] total = new int[Kind.values().length];
    private final int[] caughtShort = new int[Kind.values().length];
    private final int[] totalShort = new int[Kind.values().length];
    private int nearMisses;

    private CaughtWindows(List<Labelled> injected) {
        this.injected = injected;
    }

    /** The injections of the corpus in {@code nabDir}, or null for a corpus without them. */
    static CaughtWindows of(Path nabDir, NabCorpus corpus) {
        Path csv = nabDir.resolve("injections.csv");
        if (!Files.exists(csv)) {
            return null;
        }
        List<Labelled> injected = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",");
                NabDataFile file = corpus.files().get(fields[0]);
                if (file == null) {
                    continue;
                }
                int row = file.timestamps().indexOf(fields[2]);
                AnomalyWindow window =
                        corpus.windows().get(file.name()).stream()
                                .filter(w -> w.first() <= row && row <= w.last())
                                .findFirst()
                                .orElseThrow();
                injected.add(new Labelled(file.name(), Kind.valueOf(fields[1]), window));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CaughtWindows(injected);
    }

    /** Counts every injected window against {@code scores} (by file name) at {@code threshold}. */
    void add(Map<String, double[]> scores, NabCorpus corpus, double threshold) {
        for (Labelled l : injected) {
            double[] rows = scores.get(l.file());
            double highest = 0;
            for (int row = l.window().first(); row <= l.window().last(); row++) {
                highest = Math.max(highest, rows[row]);
            }
            boolean hit = highest >= threshold;
            boolean isShort = corpus.files().get(l.file()).rows() < SHORT_ROWS;
            int k = l.kind().ordinal();
            total[k]++;
            caught[k] += hit ? 1 : 0;
            totalShort[k] += isShort ? 1 : 0;
            caughtShort[k] += hit && isShort ? 1 : 0;
            nearMisses += !hit && highest >= NEAR ? 1 : 0;
        }
    }

    /** Caught of all; in range, of them in short series; missed; near misses. */
    String summary() {
        int in = Kind.SPIKE_IN_RANGE.ordinal();
        int dip = Kind.DIP_IN_RANGE.ordinal();
        int all = 0;
        int allCaught = 0;
        for (int k = 0; k < total.length; k++) {
            all += total[k];
            allCaught += caught[k];
        }
        return String.format(
                Locale.ROOT,
                "caught %d of %d; in range %d of %d (short series %d of %d); missed %d, near"
                        + " misses %d",
                allCaught,
                all,
                caught[in] + caught[dip],
                total[in] + total[dip],
                caughtShort[in] + caughtShort[dip],
                totalShort[in] + totalShort[dip],
                all - allCaught,
                nearMisses);
    }
}
