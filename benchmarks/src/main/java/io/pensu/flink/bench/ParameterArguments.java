package io.pensu.flink.bench;

import io.pensu.flink.model.NetworkParameters;

import java.util.List;

/** Model parameters changed by the development probes' {@code key=value} arguments. */
final class ParameterArguments {

    private ParameterArguments() {}

    /** {@code parameters} with each {@code key=value} of {@code settings} applied in order. */
    static NetworkParameters apply(NetworkParameters parameters, List<String> settings) {
        NetworkParameters changed = parameters;
        for (String setting : settings) {
            String[] keyValue = setting.split("=", 2);
            changed = changed.with(keyValue[0], keyValue[1]);
        }
        return changed;
    }
}
