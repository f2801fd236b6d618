package io.pensu.flink.input;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads a number the way Pensu's Python 2 {@code float()} does, so that we accept and refuse the
 * same values: Java's {@link Double#parseDouble} also accepts forms such as {@code 1d} or {@code
 * 0x1p3} that carbon clients never meant as numbers.
 */
final class PythonFloat {

    // Possessive quantifiers never give back what they matched: without them, a token of n digits
    // followed by a letter makes the matcher try every split of the digits, O(n^2) steps, enough
    // for one line to stall a partition; with them a token is read once, in linear time.
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?+(?:[0-9]++(?:\\.[0-9]*+)?+|\\.[0-9]++)(?:[eE][+-]?+[0-9]++)?+");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("(?i)[+-]?nan");
    private static final Pattern INFINITY = Pattern.compile("(?i)[+-]?inf(?:inity)?");

    private PythonFloat() {}

    /**
     * The value, possibly NaN or infinite (also when a decimal overflows a double), or empty when
     * Python would raise a ValueError.
     */
    static OptionalDouble parse(String token) {
        if (DECIMAL.matcher(token).matches()) {
            return OptionalDouble.of(Double.parseDouble(token));
        }
        if (NOT_A_NUMBER.matcher(token).matches()) {
            return OptionalDouble.of(Double.NaN);
        }
        if (INFINITY.matcher(token).matches()) {
            return OptionalDouble.of(
                    token.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return OptionalDouble.empty();
    }
}
