package io.pensu.flink.job;

import java.util.regex.Pattern;

/**
 * The golden savepoint's metrics continue exactly, except for the values the prediction classifier
 * gives: its 0.1.0 state (unbounded buckets) is not one this release's bounded classifier could
 * have learned, so it learns its slots again from the restore on. Comparing their outputs hides
 * those values and nothing else: every line, key, timestamp, score, likelihood and report stays.
 */
public final class PredictedValues {

    /** A prediction line's value, a report's expected value, predicted value and confidence. */
    private static final Pattern PREDICTED_VALUE =
            Pattern.compile(
                    "(^pensu\\.prediction\\S* |\"expected_value\":|\"prediction\":\\{.*\"value\":"
                            + "|\"confidence_level\":)[-0-9.Ee]+");

    private PredictedValues() {}

    /** The output record's value with the classifier's values replaced by "?". */
    public static String hidden(String value) {
        return PREDICTED_VALUE.matcher(value).replaceAll("$1?");
    }
}
