package io.pensu.flink.generator;

import java.math.BigDecimal;

/**
 * One sample as a Graphite carbon plaintext line, {@code name value epochSeconds}. Values and
 * timestamps are written in plain decimal notation (no exponent), which every carbon reader takes.
 */
public record MetricLine(String name, double value, long timestampMillis) {

    public MetricLine {
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ') || name.indexOf('.') < 0) {
            throw new IllegalArgumentException(
                    "a metric name needs a dot and no whitespace, got '" + name + "'");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": value " + value + " is not finite");
        }
        if (timestampMillis < 0) {
            throw new IllegalArgumentException(name + ": negative timestamp " + timestampMillis);
        }
    }

    /** The carbon line, without a line break. */
    public String toCarbon() {
        return name + ' ' + plain(BigDecimal.valueOf(value)) + ' ' + epochSeconds();
    }

    /** Whole seconds as an integer; a reading between two seconds keeps its milliseconds. */
    private String epochSeconds() {
        return plain(BigDecimal.valueOf(timestampMillis, 3));
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
