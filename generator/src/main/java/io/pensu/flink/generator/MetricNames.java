package io.pensu.flink.generator;

import java.util.Locale;

/** Graphite-friendly metric name components: lower case letters, digits, '_' and '-'. */
final class MetricNames {

    private MetricNames() {}

    /** One name component: other characters (dots included) become '_'. */
    static String component(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("an empty metric name component");
        }
        return cleaned;
    }

    /** The name under the prefix (itself dotted or empty). */
    static String withPrefix(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
