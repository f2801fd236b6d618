package io.pensu.flink.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One NAB series: its rows in file order.
 *
 * @param name path below the data directory, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param timestamps each row's timestamp as written, {@code yyyy-MM-dd HH:mm:ss}
 * @param values each row's value
 */
public record NabDataFile(String name, List<String> timestamps, double[] values) {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Reads {@code dataDir/name}, a {@code timestamp,value} CSV with a header, LF or CRLF. */
    public static NabDataFile read(Path dataDir, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> timestamps = new ArrayList<>(lines.size());
        double[] values = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int comma = line.indexOf(',');
            timestamps.add(line.substring(0, comma));
            values[i - 1] = Double.parseDouble(line.substring(comma + 1));
        }
        return new NabDataFile(name, List.copyOf(timestamps), values);
    }

    public int rows() {
        return values.length;
    }

    /** The series' category, the directory it is in, e.g. {@code realKnownCause}. */
    public String category() {
        return name.substring(0, name.indexOf('/'));
    }

    /** NAB's timestamps carry no zone; like NAB's detectors, read them as UTC. */
    public long epochMillis(int row) {
        return LocalDateTime.parse(timestamps.get(row), TIMESTAMP)
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli();
    }
}
