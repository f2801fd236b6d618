package io.pensu.flink.job;

import io.pensu.flink.job.config.ConfigException;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import java.util.List;

/**
 * Prints the Kafka topics the job reads and writes, one per line, configured exactly as the job is
 * (PENSU_* environment variables, {@code --PENSU_X value} arguments): scripts/demo.sh creates them
 * before it starts the job, and stops early on a configuration the job would refuse.
 */
public final class JobTopics {

    private JobTopics() {}

    public static void main(String[] args) {
        try {
            of(PensuConfig.load(System.getenv(), args)).forEach(System.out::println);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** The input topic first, then every output topic. */
    public static List<String> of(PensuConfig config) {
        return List.of(
                config.get(Settings.METRICS_KAFKA_TOPIC),
                config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC),
                config.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC),
                config.get(Settings.REPORTED_ANOMALIES_KAFKA_TOPIC),
                config.get(Settings.DEAD_LETTER_KAFKA_TOPIC),
                config.get(Settings.TOPICS_KAFKA_TOPIC));
    }
}
