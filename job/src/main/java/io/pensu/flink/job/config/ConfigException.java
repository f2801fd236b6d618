package io.pensu.flink.job.config;

import java.util.List;

/** Every problem found in the configuration, reported together so that one restart fixes all. */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem, each naming the variable, the bad value and what is expected. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid configuration: " + problems.get(0);
        }
        return "Invalid configuration ("
                + problems.size()
                + " problems):\n  "
                + String.join("\n  ", problems);
    }
}
