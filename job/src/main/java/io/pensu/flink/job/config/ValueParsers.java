package io.pensu.flink.job.config;

import io.pensu.flink.detect.OutOfOrderPolicy;
import io.pensu.flink.model.ModelParameterRules;

import org.apache.flink.connector.base.DeliveryGuarantee;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parsers of the settings' values (see {@link ValueType}): each returns null for a value it
 * rejects, or throws with a message that tells what exactly is wrong.
 */
final class ValueParsers {

    static final String INSTANCE_ID_PLACEHOLDER = "{{#instance_id}}";
    static final String TIME_STARTED_PLACEHOLDER = "{{#time_started}}";

    private ValueParsers() {}

    static Pattern regex(String raw) {
        try {
            return Pattern.compile(raw);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    e.getDescription() + " near index " + e.getIndex(), e);
        }
    }

    static String metricNamesTemplate(String template) {
        return template.contains(PensuConfig.ANOMALY_METRIC_PLACEHOLDER)
                        && template.chars().noneMatch(Character::isWhitespace)
                ? template
                : null;
    }

    static DeliveryGuarantee guarantee(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
            case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            default -> null;
        };
    }

    static OutOfOrderPolicy outOfOrderPolicy(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "reject" -> OutOfOrderPolicy.REJECT;
            case "process" -> OutOfOrderPolicy.PROCESS;
            default -> null;
        };
    }

    /** A tolerance >= 0, or empty for "off". */
    static OptionalDouble tolerance(String raw) {
        if (raw.equalsIgnoreCase("off")) {
            return OptionalDouble.empty();
        }
        Double tolerance = ValueType.parseNumber(raw, t -> t >= 0);
        return tolerance == null ? null : OptionalDouble.of(tolerance);
    }

    /** Rules given inline, or in a file named after an '@'. */
    static ModelParameterRules modelParameterRules(String raw) {
        if (!raw.startsWith("@")) {
            return ModelParameterRules.parse(raw);
        }
        Path file = Path.of(raw.substring(1));
        try {
            return ModelParameterRules.parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " (" + e + ")", e);
        }
    }

    /** Pensu's client id template with its placeholders replaced. */
    static String clientId(String template, String hostName, long startedEpochSeconds) {
        return template.replace(INSTANCE_ID_PLACEHOLDER, hostName)
                .replace(TIME_STARTED_PLACEHOLDER, Long.toString(startedEpochSeconds));
    }
}
