package io.pensu.flink.job.config;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * Reads typed values of the variables, recording an error for each bad one instead of stopping, so
 * that every problem is reported together. A bad value reads as the variable's default, which keeps
 * the remaining checks running.
 */
final class VariableReader {

    private static final int LONGEST_QUOTED_VALUE = 120;

    private final Map<Variable, String> given;
    private final Diagnostics diagnostics;
    private final Set<Variable> bad = EnumSet.noneOf(Variable.class);

    VariableReader(Map<Variable, String> given, Diagnostics diagnostics) {
        this.given = given;
        this.diagnostics = diagnostics;
    }

    boolean isGiven(Variable v) {
        return given.containsKey(v);
    }

    /** The given value, else the default; null when neither exists. */
    String raw(Variable v) {
        return given.getOrDefault(v, v.defaultValue());
    }

    /**
     * Parses the value, or records "{@code v} must be {@code expected}, got '...'". The parser
     * returns null for a value it rejects; an exception it throws adds its message as detail.
     *
     * @return the parsed value, the parsed default after an error, or null when unset
     */
    <T> T read(Variable v, String expected, Function<String, T> parser) {
        String raw = raw(v);
        if (raw == null) {
            return null;
        }
        String detail = "";
        try {
            T value = parser.apply(raw);
            if (value != null) {
                return value;
            }
        } catch (RuntimeException e) {
            detail = ": " + e.getMessage();
        }
        error(v, "must be " + expected + ", got '" + quoted(raw) + "'" + detail);
        return v.defaultValue() == null ? null : parser.apply(v.defaultValue());
    }

    /** An integer in [min, max]. */
    Integer integer(Variable v, int min, int max) {
        String expected =
                max == Integer.MAX_VALUE
                        ? "an integer >= " + min
                        : "an integer between " + min + " and " + max;
        return read(
                v,
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

    double number(Variable v, String expected, DoublePredicate valid) {
        return read(v, expected, raw -> number(raw, valid));
    }

    static Double number(String raw, DoublePredicate valid) {
        try {
            double value = Double.parseDouble(raw);
            return Double.isFinite(value) && valid.test(value) ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Records an error about {@code v}; the message continues after the variable's name. */
    void error(Variable v, String message) {
        bad.add(v);
        diagnostics.error(v.name() + " " + message);
    }

    void warning(String message) {
        diagnostics.warning(message);
    }

    /** True when any of {@code variables} had a bad value, so a check across them is moot. */
    boolean anyBad(Variable... variables) {
        for (Variable v : variables) {
            if (bad.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static String quoted(String raw) {
        return raw.length() <= LONGEST_QUOTED_VALUE
                ? raw
                : raw.substring(0, LONGEST_QUOTED_VALUE) + "...";
    }
}
