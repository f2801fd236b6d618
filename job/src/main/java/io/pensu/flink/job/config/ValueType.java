package io.pensu.flink.job.config;

import java.time.Duration;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * How a setting's text becomes its value. The parser returns null for a value it rejects, or throws
 * with a message that tells what exactly is wrong; either way the error says the setting "must be
 * {@link #expected()}", which the configuration docs show too.
 */
record ValueType<T>(String expected, Function<String, T> parser) {

    static final int NO_LIMIT = Integer.MAX_VALUE;

    /** Any text: the value as given, trimmed. */
    static final ValueType<String> TEXT = new ValueType<>("any text", Function.identity());

    /** Topic names: {@link Settings#topics()} are the settings of this type. */
    static final ValueType<String> TOPIC =
            new ValueType<>(KafkaNames.TOPIC_NAME, KafkaNames::topic);

    /** An integer in [min, max]; max {@link #NO_LIMIT} leaves it unbounded. */
    static ValueType<Integer> integer(int min, int max) {
        String expected =
                max == NO_LIMIT
                        ? "an integer >= " + min
                        : "an integer between " + min + " and " + max;
        return new ValueType<>(
                expected,
                raw -> {
                    try {
                        int value = Integer.parseInt(raw);
                        return value >= min && value <= max ? value : null;
                    } catch (NumberFormatException notAnInteger) {
                        return null;
                    }
                });
    }

    /** A whole number of seconds in [min, max]. */
    static ValueType<Duration> seconds(int min, int max) {
        ValueType<Integer> integer = integer(min, max);
        return new ValueType<>(
                integer.expected,
                raw -> {
                    Integer seconds = integer.parser.apply(raw);
                    return seconds == null ? null : Duration.ofSeconds(seconds);
                });
    }

    /** A finite number that {@code valid} accepts. */
    static ValueType<Double> number(String expected, DoublePredicate valid) {
        return new ValueType<>(expected, raw -> parseNumber(raw, valid));
    }

    static Double parseNumber(String raw, DoublePredicate valid) {
        try {
            double value = Double.parseDouble(raw);
            return Double.isFinite(value) && valid.test(value) ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
