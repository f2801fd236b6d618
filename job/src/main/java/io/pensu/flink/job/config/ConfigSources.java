package io.pensu.flink.job.config;

import org.apache.flink.util.ParameterTool;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The values given for the settings: program arguments override the environment. */
final class ConfigSources {

    private static final String PREFIX = "PENSU_";

    /** ParameterTool's marker for a key given without a value; its own constant is protected. */
    private static final String NO_VALUE = "__NO_VALUE_KEY";

    private ConfigSources() {}

    /**
     * The given values, trimmed; empty ones are left out, so that {@code PENSU_X=} in a container
     * definition means the default, as it does for unset variables.
     */
    static Map<Setting<?>, String> given(
            Map<String, String> environment, String[] args, Diagnostics diagnostics) {
        Map<Setting<?>, String> given = new HashMap<>();
        // Sorted, so that warnings and errors come out in the same order on every start.
        new TreeMap<>(environment)
                .forEach(
                        (name, value) -> {
                            if (name.startsWith(PREFIX)) {
                                Setting<?> v = Settings.named(name);
                                if (v == null) {
                                    diagnostics.warning(
                                            "Unknown environment variable " + name + " is ignored");
                                } else {
                                    put(given, v, value);
                                }
                            }
                        });
        arguments(args, diagnostics)
                .forEach(
                        (name, value) -> {
                            Setting<?> v = Settings.named(name);
                            if (v == null) {
                                diagnostics.error(
                                        "Unknown program argument --"
                                                + name
                                                + "; arguments are --PENSU_... variables");
                            } else if (NO_VALUE.equals(value)) {
                                diagnostics.error("Program argument --" + name + " needs a value");
                            } else {
                                put(given, v, value);
                            }
                        });
        return given;
    }

    private static Map<String, String> arguments(String[] args, Diagnostics diagnostics) {
        try {
            return new TreeMap<>(ParameterTool.fromArgs(args).toMap());
        } catch (IllegalArgumentException e) {
            diagnostics.error(
                    "Program arguments must be --PENSU_... value pairs: " + e.getMessage());
            return Map.of();
        }
    }

    private static void put(Map<Setting<?>, String> given, Setting<?> v, String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            given.remove(v);
        } else {
            given.put(v, trimmed);
        }
    }
}
