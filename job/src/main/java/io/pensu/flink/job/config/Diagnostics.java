package io.pensu.flink.job.config;

import java.util.ArrayList;
import java.util.List;

/** Collects what loading the configuration found, so that all errors are reported at once. */
final class Diagnostics {

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void error(String message) {
        errors.add(message);
    }

    void warning(String message) {
        warnings.add(message);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
