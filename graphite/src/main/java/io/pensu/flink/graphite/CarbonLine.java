package io.pensu.flink.graphite;

import java.util.regex.Pattern;

/**
 * One Graphite plaintext line, {@code name value timestamp}, checked so that carbon stores it: a
 * finite decimal value and non-negative epoch seconds (carbon would drop a NaN, and whisper a
 * timestamp it cannot place).
 */
public record CarbonLine(String name, String value, String timestamp) {

    private static final Pattern WHITESPACE = Pattern.compile("[ \\t]+");
    // Possessive quantifiers: a long run of digits followed by a letter is rejected in linear
    // time, where backtracking would take O(n^2) steps.
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /**
     * @param text one line, without its line break; runs of spaces or tabs separate the fields
     * @throws NotACarbonLineException with the reason when carbon could not store the line
     */
    public static CarbonLine parse(String text) throws NotACarbonLineException {
        String[] fields = WHITESPACE.split(text.strip());
        if (fields.length != 3) {
            throw new NotACarbonLineException(
                    "expected 'name value timestamp', got " + fields.length + " fields");
        }
        if (CONTROL.matcher(fields[0]).find()) {
            throw new NotACarbonLineException("control character in the metric name");
        }
        if (!DECIMAL.matcher(fields[1]).matches()
                || !Double.isFinite(Double.parseDouble(fields[1]))) {
            throw new NotACarbonLineException("value is not a finite decimal number");
        }
        if (!DECIMAL.matcher(fields[2]).matches() || fields[2].startsWith("-")) {
            throw new NotACarbonLineException("timestamp is not epoch seconds");
        }
        return new CarbonLine(fields[0], fields[1], fields[2]);
    }

    /** The line as carbon's plaintext protocol takes it, with its line break. */
    public String plaintext() {
        return name + " " + value + " " + timestamp + "\n";
    }
}
