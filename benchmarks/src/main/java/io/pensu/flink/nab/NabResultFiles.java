package io.pensu.flink.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's results layout: {@code <results>/<detector>/<category>/<detector>_<file>.csv}, one row per
 * data row with at least {@code timestamp} and {@code anomaly_score} columns.
 */
public final class NabResultFiles {

    private NabResultFiles() {}

    public static Path path(Path results, String detector, String fileName) {
        int slash = fileName.indexOf('/');
        return results.resolve(detector)
                .resolve(fileName.substring(0, slash))
                .resolve(detector + "_" + fileName.substring(slash + 1));
    }

    /**
     * The {@code anomaly_score} column of {@code detector}'s result for every file of the corpus.
     */
    public static Map<String, double[]> readScores(
            Path results, String detector, NabCorpus corpus) {
        Map<String, double[]> scores = new HashMap<>();
        for (String name : corpus.files().keySet()) {
            scores.put(name, readScores(path(results, detector, name)));
        }
        return scores;
    }

    static double[] readScores(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int column = Arrays.asList(lines.get(0).strip().split(",")).indexOf("anomaly_score");
            if (column < 0) {
                throw new IllegalArgumentException(file + " has no anomaly_score column");
            }
            return lines.stream()
                    .skip(1)
                    .mapToDouble(line -> Double.parseDouble(line.strip().split(",")[column]))
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes NAB's detector output layout, {@code timestamp,value,anomaly_score,label}, where label
     * is 1 inside a labelled window.
     */
    public static void write(
            Path results,
            String detector,
            NabDataFile file,
            List<AnomalyWindow> windows,
            double[] scores) {
        Path path = path(results, detector, file.name());
        try {
            Files.createDirectories(path.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                out.write("timestamp,value,anomaly_score,label\n");
                for (int i = 0; i < file.rows(); i++) {
                    out.write(
                            file.timestamps().get(i)
                                    + ","
                                    + file.values()[i]
                                    + ","
                                    + scores[i]
                                    + ","
                                    + (inWindow(i, windows) ? 1 : 0)
                                    + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean inWindow(int row, List<AnomalyWindow> windows) {
        return windows.stream().anyMatch(w -> row >= w.first() && row <= w.last());
    }
}
