package io.pensu.flink.input;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** The rules for one carbon plaintext line: {@code name value timestamp}. */
final class CarbonLine {

    private static final Pattern TOKEN = Pattern.compile("[^ \t]+");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[+-]?[0-9]+(?:\\.[0-9]+)?");
    private static final BigDecimal LAST_SECOND_OF_YEAR_9999 = BigDecimal.valueOf(253_402_300_799L);

    private CarbonLine() {}

    static Sample parse(String line, RawRecord source) throws Rejection {
        List<String> tokens = TOKEN.matcher(line).results().map(MatchResult::group).toList();
        if (tokens.isEmpty()) {
            throw new Rejection(RejectReason.EMPTY, "line is empty or only whitespace", null);
        }
        if (tokens.size() != 3) {
            throw new Rejection(
                    RejectReason.WRONG_TOKEN_COUNT,
                    "expected 3 tokens 'name value timestamp' separated by spaces or tabs, found "
                            + tokens.size(),
                    null);
        }
        String metric = tokens.get(0);
        if (metric.indexOf('.') < 0) {
            throw new Rejection(
                    RejectReason.NAME_WITHOUT_DOT,
                    "metric name '" + metric + "' has no dot",
                    metric);
        }
        double value = value(tokens.get(1), metric);
        long timestampMillis = timestampMillis(tokens.get(2), metric);
        return new Sample(
                metric,
                timestampMillis,
                value,
                line,
                source.topic(),
                source.partition(),
                source.offset());
    }

    private static double value(String token, String metric) throws Rejection {
        OptionalDouble value = PythonFloat.parse(token);
        if (value.isEmpty()) {
            throw new Rejection(
                    RejectReason.UNPARSABLE_VALUE, "value '" + token + "' is not a number", metric);
        }
        if (!Double.isFinite(value.getAsDouble())) {
            throw new Rejection(
                    RejectReason.NON_FINITE_VALUE,
                    "value '" + token + "' is not a finite number",
                    metric);
        }
        return value.getAsDouble();
    }

    private static long timestampMillis(String token, String metric) throws Rejection {
        if (!EPOCH_SECONDS.matcher(token).matches()) {
            throw new Rejection(
                    RejectReason.UNPARSABLE_TIMESTAMP,
                    "timestamp '"
                            + token
                            + "' is not an integer or decimal number of epoch seconds",
                    metric);
        }
        BigDecimal seconds = new BigDecimal(token);
        if (seconds.signum() < 0 || seconds.compareTo(LAST_SECOND_OF_YEAR_9999) > 0) {
            throw new Rejection(
                    RejectReason.TIMESTAMP_OUT_OF_RANGE, outOfRange(token, seconds), metric);
        }
        return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String outOfRange(String token, BigDecimal seconds) {
        String message =
                "timestamp '"
                        + token
                        + "' is outside 0.."
                        + LAST_SECOND_OF_YEAR_9999
                        + " epoch seconds (the end of year 9999)";
        boolean plausibleAsMillis =
                seconds.signum() > 0
                        && seconds.movePointLeft(3).compareTo(LAST_SECOND_OF_YEAR_9999) <= 0;
        return plausibleAsMillis
                ? message + "; it looks like epoch milliseconds, but carbon timestamps are seconds"
                : message;
    }
}
