package io.pensu.flink.input;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** The rules for one carbon plaintext line: {@code name value timestamp}. */
final class CarbonLine {

    private static final Pattern TOKEN = Pattern.compile("[^ \t]+");
    // Possessive, so that a long token that fails at its end is still read in linear time.
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[+-]?+[0-9]++(?:\\.[0-9]++)?+");
    private static final Pattern SIGN_AND_LEADING_ZEROS = Pattern.compile("^[+-]?+0*+");
    private static final long LAST_SECOND_OF_YEAR_9999_LONG = 253_402_300_799L;
    private static final BigDecimal LAST_SECOND_OF_YEAR_9999 =
            BigDecimal.valueOf(LAST_SECOND_OF_YEAR_9999_LONG);

    /** Digits of the last second of year 9999: a longer token of digits only is out of range. */
    private static final int MAX_PLAIN_SECONDS_DIGITS = 12;

    /** More integer digits than the year 9999 needs even in milliseconds. */
    private static final int MAX_MEANINGFUL_INTEGER_DIGITS = 20;

    /** Half-up rounding to milliseconds depends on the fourth decimal, never on later ones. */
    private static final int MEANINGFUL_DECIMALS = 4;

    private CarbonLine() {}

    /**
     * @param maxTimestampAheadMillis how far the sample's timestamp may lie after the record's
     */
    static Sample parse(String line, RawRecord source, long maxTimestampAheadMillis)
            throws Rejection {
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
        MetricName.checkCharacters(metric);
        if (metric.indexOf('.') < 0) {
            throw new Rejection(
                    RejectReason.NAME_WITHOUT_DOT,
                    "metric name " + Excerpt.quoted(metric) + " has no dot",
                    metric);
        }
        MetricName.checkComponents(metric);
        double value = value(tokens.get(1), metric);
        long timestampMillis = timestampMillis(tokens.get(2), metric);
        checkNotAheadOfRecord(timestampMillis, source, maxTimestampAheadMillis, metric);
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
                    RejectReason.UNPARSABLE_VALUE,
                    "value " + Excerpt.quoted(token) + " is not a number",
                    metric);
        }
        if (!Double.isFinite(value.getAsDouble())) {
            throw new Rejection(
                    RejectReason.NON_FINITE_VALUE,
                    "value " + Excerpt.quoted(token) + " is not a finite number",
                    metric);
        }
        return value.getAsDouble();
    }

    private static long timestampMillis(String token, String metric) throws Rejection {
        long plainSeconds = plainSeconds(token);
        if (plainSeconds >= 0 && plainSeconds <= LAST_SECOND_OF_YEAR_9999_LONG) {
            return plainSeconds * 1000;
        }
        if (!EPOCH_SECONDS.matcher(token).matches()) {
            throw new Rejection(
                    RejectReason.UNPARSABLE_TIMESTAMP,
                    "timestamp "
                            + Excerpt.quoted(token)
                            + " is not an integer or decimal number of epoch seconds",
                    metric);
        }
        BigDecimal seconds = seconds(token);
        if (seconds.signum() < 0 || seconds.compareTo(LAST_SECOND_OF_YEAR_9999) > 0) {
            throw new Rejection(
                    RejectReason.TIMESTAMP_OUT_OF_RANGE, outOfRange(token, seconds), metric);
        }
        return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * The token's value when it is nothing but a few digits, as collectors write timestamps; -1
     * otherwise, for the general rules to decide.
     */
    private static long plainSeconds(String token) {
        if (token.isEmpty() || token.length() > MAX_PLAIN_SECONDS_DIGITS) {
            return -1;
        }
        long seconds = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            seconds = seconds * 10 + (c - '0');
        }
        return seconds;
    }

    /**
     * The value of a token of epoch seconds, as far as it decides the outcome: read from a bounded
     * part of the token, because a BigDecimal of a million digits takes seconds to build.
     */
    private static BigDecimal seconds(String token) {
        int dot = token.indexOf('.');
        String signed = dot < 0 ? token : token.substring(0, dot);
        boolean negative = signed.startsWith("-");
        String integer = SIGN_AND_LEADING_ZEROS.matcher(signed).replaceFirst("");
        if (integer.length() > MAX_MEANINGFUL_INTEGER_DIGITS) {
            integer = "1" + "0".repeat(MAX_MEANINGFUL_INTEGER_DIGITS);
        }
        String decimals =
                dot < 0
                        ? ""
                        : token.substring(
                                dot, Math.min(token.length(), dot + 1 + MEANINGFUL_DECIMALS));
        return new BigDecimal(
                (negative ? "-" : "") + (integer.isEmpty() ? "0" : integer) + decimals);
    }

    private static String outOfRange(String token, BigDecimal seconds) {
        String message =
                "timestamp "
                        + Excerpt.quoted(token)
                        + " is outside 0.."
                        + LAST_SECOND_OF_YEAR_9999
                        + " epoch seconds (the end of year 9999)";
        boolean plausibleAsMillis =
                seconds.signum() > 0
                        && seconds.movePointLeft(3).compareTo(LAST_SECOND_OF_YEAR_9999) <= 0;
        return plausibleAsMillis
                ? message + "; it looks like epoch milliseconds, but carbon timestamps are seconds"
                : message;
    }

    /**
     * A timestamp far in the future would make every later real sample of its metric look out of
     * order. The record's own timestamp is the reference, not the clock, so that a replay decides
     * the same; a record without one (old message formats) cannot be checked and is let through.
     */
    private static void checkNotAheadOfRecord(
            long timestampMillis, RawRecord source, long maxAheadMillis, String metric)
            throws Rejection {
        if (source.hasTimestamp() && timestampMillis - source.timestamp() > maxAheadMillis) {
            throw new Rejection(
                    RejectReason.TIMESTAMP_AHEAD_OF_RECORD,
                    "timestamp "
                            + Instant.ofEpochMilli(timestampMillis)
                            + " is "
                            + (timestampMillis - source.timestamp()) / 1000
                            + " s after its Kafka record's timestamp "
                            + Instant.ofEpochMilli(source.timestamp())
                            + ", more than the "
                            + maxAheadMillis / 1000
                            + " s allowed (PENSU_MAX_TIMESTAMP_AHEAD)",
                    metric);
        }
    }
}
