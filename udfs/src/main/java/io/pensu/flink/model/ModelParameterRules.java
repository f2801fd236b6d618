package io.pensu.flink.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Per-metric overrides of the {@link NetworkParameters}, read from JSON:
 *
 * <pre>{@code
 * [{"metrics": "servers\\..*\\.memory",
 *   "both": {"encoder.buckets": 200},
 *   "anomaly": {"tm.activationThreshold": 14},
 *   "prediction": {"seed": 7}}]
 * }</pre>
 *
 * <p>{@code metrics} is a regular expression matched at the start of the metric name, like Pensu's
 * allow-list (Python's {@code re.match}); the first matching rule wins. A rule's {@code both}
 * section applies to both roles, then its role's own section. Keys are those of {@link
 * NetworkParameters#KEYS}. Everything is checked when parsing, so that a mistake stops the job at
 * startup instead of when the first matching metric arrives.
 */
public final class ModelParameterRules implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final String METRICS = "metrics";
    private static final String BOTH = "both";
    private static final String ANOMALY = "anomaly";
    private static final String PREDICTION = "prediction";
    private static final List<String> RULE_FIELDS = List.of(METRICS, BOTH, ANOMALY, PREDICTION);

    private static final ObjectReader JSON =
            new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .reader();

    private final List<Rule> rules;

    private ModelParameterRules(List<Rule> rules) {
        this.rules = rules;
    }

    /** No overrides: every metric gets the defaults. */
    public static ModelParameterRules none() {
        return new ModelParameterRules(List.of());
    }

    /**
     * @throws IllegalArgumentException naming the rule (by its index in the array) and the key when
     *     anything is wrong
     */
    public static ModelParameterRules parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "model parameter rules are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(
                    "model parameter rules must be a JSON array of rules");
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            rules.add(Rule.parse(i, root.get(i)));
        }
        return new ModelParameterRules(List.copyOf(rules));
    }

    /** The parameters of the first rule matching {@code metric}, or the defaults. */
    public ModelParameters resolve(String metric) {
        for (Rule rule : rules) {
            if (rule.metrics.matcher(metric).lookingAt()) {
                return rule.parameters();
            }
        }
        return ModelParameters.defaults();
    }

    /**
     * One rule with its sections already merged per role, which is equivalent to applying {@code
     * both} first because every key sets exactly one field.
     */
    private record Rule(
            Pattern metrics, Map<String, String> anomaly, Map<String, String> prediction)
            implements Serializable {

        static Rule parse(int index, JsonNode node) {
            String where = "model parameter rule " + index;
            if (!node.isObject()) {
                throw new IllegalArgumentException(where + " must be a JSON object");
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!RULE_FIELDS.contains(field)) {
                    throw new IllegalArgumentException(
                            where + " has unknown field '" + field + "'; known: " + RULE_FIELDS);
                }
            }
            Map<String, String> both = section(where, node, BOTH);
            Rule rule =
                    new Rule(
                            metrics(where, node.get(METRICS)),
                            merged(both, section(where, node, ANOMALY)),
                            merged(both, section(where, node, PREDICTION)));
            rule.validate(where);
            return rule;
        }

        ModelParameters parameters() {
            return new ModelParameters(apply(anomaly), apply(prediction));
        }

        private void validate(String where) {
            validate(where + ", " + ANOMALY + " parameters", anomaly);
            validate(where + ", " + PREDICTION + " parameters", prediction);
        }

        private static void validate(String where, Map<String, String> overrides) {
            try {
                apply(overrides).validate();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }

        private static NetworkParameters apply(Map<String, String> overrides) {
            NetworkParameters parameters = NetworkParameters.defaults();
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                parameters = parameters.with(e.getKey(), e.getValue());
            }
            return parameters;
        }

        private static Pattern metrics(String where, JsonNode node) {
            if (node == null || !node.isTextual()) {
                throw new IllegalArgumentException(
                        where + " needs \"" + METRICS + "\": a regular expression string");
            }
            try {
                return Pattern.compile(node.textValue());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        where
                                + ": \""
                                + METRICS
                                + "\" is not a valid regular expression: "
                                + e.getDescription(),
                        e);
            }
        }

        private static Map<String, String> section(String where, JsonNode rule, String name) {
            JsonNode node = rule.get(name);
            if (node == null) {
                return Map.of();
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(
                        where + ": \"" + name + "\" must be a JSON object of parameters");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String context = where + ", " + name + ", key '" + key + "'";
                if (!NetworkParameters.KEYS.containsKey(key)) {
                    throw new IllegalArgumentException(
                            context + ": unknown; known: " + NetworkParameters.KEYS.keySet());
                }
                if (!e.getValue().isNumber()) {
                    throw new IllegalArgumentException(
                            context + ": must be a number, got " + e.getValue());
                }
                String value = e.getValue().asText();
                try {
                    NetworkParameters.defaults().with(key, value);
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(context + ": " + bad.getMessage(), bad);
                }
                values.put(key, value);
            }
            return values;
        }

        private static Map<String, String> merged(
                Map<String, String> both, Map<String, String> role) {
            Map<String, String> merged = new LinkedHashMap<>(both);
            merged.putAll(role);
            return Map.copyOf(merged);
        }
    }
}
