package io.pensu.flink.generator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * One NAB data file as a metric: each row's time as milliseconds after the file's first row, and
 * its value. NAB's files are {@code timestamp,value} with times as {@code yyyy-MM-dd HH:mm:ss}. A
 * row not later than the row before is left out: two of the AWS files repeat 03:00:00 eleven times
 * where daylight saving time began, and the job would reject those samples.
 */
record NabSeries(String metricName, long[] offsetsMillis, double[] values) {

    private static final DateTimeFormatter NAB_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static NabSeries parse(String metricName, String csv) {
        String[] lines = csv.strip().split("\r?\n");
        if (lines.length < 2 || !lines[0].strip().equals("timestamp,value")) {
            throw new IllegalArgumentException(
                    metricName + ": not a NAB data file (header 'timestamp,value', then rows)");
        }
        long[] offsets = new long[lines.length - 1];
        double[] values = new double[lines.length - 1];
        long first = 0;
        int kept = 0;
        for (int row = 1; row < lines.length; row++) {
            String[] fields = lines[row].strip().split(",");
            long millis =
                    LocalDateTime.parse(fields[0], NAB_TIME)
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli();
            if (kept == 0) {
                first = millis;
            } else if (millis - first <= offsets[kept - 1]) {
                continue;
            }
            offsets[kept] = millis - first;
            values[kept] = Double.parseDouble(fields[1]);
            kept++;
        }
        return new NabSeries(metricName, Arrays.copyOf(offsets, kept), Arrays.copyOf(values, kept));
    }
}
