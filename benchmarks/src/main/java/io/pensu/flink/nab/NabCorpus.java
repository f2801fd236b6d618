package io.pensu.flink.nab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * NAB's data files with their labelled anomaly windows.
 *
 * @param files by name, in name order
 * @param windows by file name, in file order
 * @param ignored by file name, windows whose rows are scored neither way (from {@code
 *     labels/ignored_windows.json} if the corpus has one): anomalies a derived corpus does not
 *     label but does not want counted as false positives either
 */
public record NabCorpus(
        Map<String, NabDataFile> files,
        Map<String, List<AnomalyWindow>> windows,
        Map<String, List<AnomalyWindow>> ignored) {

    public NabCorpus(Map<String, NabDataFile> files, Map<String, List<AnomalyWindow>> windows) {
        this(files, windows, Map.of());
    }

    /** Where a derived corpus names its {@link #ignored} windows, in the labels' format. */
    public static final String IGNORED_LABELS = "labels/ignored_windows.json";

    /**
     * Reads every file named in {@code nabDir/labels/combined_windows.json} from {@code
     * nabDir/data}.
     */
    public static NabCorpus read(Path nabDir) {
        return read(nabDir, readLabels(nabDir).keySet());
    }

    /**
     * Reads only the named files (names as in the labels, e.g. {@code
     * realTraffic/TravelTime_387.csv}).
     */
    public static NabCorpus read(Path nabDir, Collection<String> names) {
        Map<String, List<List<String>>> labels = readLabels(nabDir);
        Path ignoredLabels = nabDir.resolve(IGNORED_LABELS);
        Map<String, List<List<String>>> ignoredWindows =
                Files.exists(ignoredLabels) ? readWindows(ignoredLabels) : Map.of();
        Map<String, NabDataFile> files = new TreeMap<>();
        Map<String, List<AnomalyWindow>> windows = new TreeMap<>();
        Map<String, List<AnomalyWindow>> ignored = new TreeMap<>();
        for (String name : names) {
            if (!labels.containsKey(name)) {
                throw new IllegalArgumentException("no NAB labels for " + name);
            }
            NabDataFile file = NabDataFile.read(nabDir.resolve("data"), name);
            files.put(name, file);
            windows.put(name, toRows(file, labels.get(name)));
            ignored.put(name, toRows(file, ignoredWindows.getOrDefault(name, List.of())));
        }
        return new NabCorpus(files, windows, ignored);
    }

    /** The windows of {@code name} scored neither way. */
    public List<AnomalyWindow> ignored(String name) {
        return ignored.getOrDefault(name, List.of());
    }

    public int windowCount() {
        return windows.values().stream().mapToInt(List::size).sum();
    }

    public int rowCount() {
        return files.values().stream().mapToInt(NabDataFile::rows).sum();
    }

    private static Map<String, List<List<String>>> readLabels(Path nabDir) {
        return readWindows(nabDir.resolve("labels/combined_windows.json"));
    }

    private static Map<String, List<List<String>>> readWindows(Path json) {
        try {
            return new ObjectMapper()
                    .readValue(
                            json.toFile(),
                            new TypeReference<LinkedHashMap<String, List<List<String>>>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A window's ends are timestamps of the file (with microseconds in the labels); like NAB, an
     * end maps to the first row with that timestamp.
     */
    private static List<AnomalyWindow> toRows(NabDataFile file, List<List<String>> labelled) {
        List<AnomalyWindow> rows = new ArrayList<>();
        for (List<String> window : labelled) {
            rows.add(new AnomalyWindow(rowOf(file, window.get(0)), rowOf(file, window.get(1))));
        }
        return List.copyOf(rows);
    }

    private static int rowOf(NabDataFile file, String labelTimestamp) {
        String timestamp = labelTimestamp.substring(0, "yyyy-MM-dd HH:mm:ss".length());
        int row = file.timestamps().indexOf(timestamp);
        if (row < 0) {
            throw new IllegalArgumentException(
                    file.name() + " has no row at window end " + labelTimestamp);
        }
        return row;
    }
}
