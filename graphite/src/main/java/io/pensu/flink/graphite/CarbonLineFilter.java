package io.pensu.flink.graphite;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Splits Kafka record values into carbon lines. A record may carry several lines (carbon clients
 * batch); lines carbon could not store are skipped with a WARN and counted, never fatal.
 */
final class CarbonLineFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonLineFilter.class);

    private long forwarded;
    private long skipped;

    /**
     * Appends the carbon lines of one record value to {@code out}.
     *
     * @param source where the record came from, for the warning (topic-partition@offset)
     */
    void addLines(String value, String source, List<String> out) {
        if (value == null) {
            return;
        }
        for (String line : value.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(CarbonLine.parse(line).plaintext());
                forwarded++;
            } catch (NotACarbonLineException e) {
                skipped++;
                LOG.warn(
                        "Skipped a line that is not a carbon line ({}) from {}: '{}' ({} skipped so"
                                + " far)",
                        e.getMessage(),
                        source,
                        abbreviated(line),
                        skipped);
            }
        }
    }

    long forwarded() {
        return forwarded;
    }

    long skipped() {
        return skipped;
    }

    private static String abbreviated(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
