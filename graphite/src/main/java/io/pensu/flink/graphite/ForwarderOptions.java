package io.pensu.flink.graphite;

import java.util.Arrays;
import java.util.List;

/** The forwarder's command line: where to read, what, and where to write. */
public record ForwarderOptions(
        String bootstrapServers, List<String> topics, HostAndPort graphite, String group) {

    static final String USAGE =
            "usage: GraphiteForwarder [--bootstrap-servers HOST:PORT] [--topics a,b,c]"
                    + " [--graphite HOST:PORT] [--group NAME]\n"
                    + "  --bootstrap-servers  Kafka brokers to read from (default localhost:9092)\n"
                    + "  --topics             topics of Graphite plaintext lines"
                    + " (default metrics,pensu_anomalies,pensu.htm.predictions)\n"
                    + "  --graphite           carbon's plaintext listener (default localhost:2003)\n"
                    + "  --group              Kafka consumer group (default"
                    + " pensu-graphite-forwarder)";

    public static final ForwarderOptions DEFAULTS =
            new ForwarderOptions(
                    "localhost:9092",
                    List.of("metrics", "pensu_anomalies", "pensu.htm.predictions"),
                    new HostAndPort("localhost", 2003),
                    "pensu-graphite-forwarder");

    /**
     * @throws IllegalArgumentException on an unknown flag, a flag without its value, or a bad value
     */
    public static ForwarderOptions parse(String... args) {
        ForwarderOptions options = DEFAULTS;
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[i + 1];
            options =
                    switch (flag) {
                        case "--bootstrap-servers" -> options.withBootstrapServers(value);
                        case "--topics" -> options.withTopics(topicList(value));
                        case "--graphite" -> options.withGraphite(HostAndPort.parse(value));
                        case "--group" -> options.withGroup(value);
                        default -> throw new IllegalArgumentException("unknown flag " + flag);
                    };
        }
        return options;
    }

    private static List<String> topicList(String value) {
        List<String> topics =
                Arrays.stream(value.split(","))
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .toList();
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("--topics needs at least one topic");
        }
        return topics;
    }

    private ForwarderOptions withBootstrapServers(String value) {
        return new ForwarderOptions(value, topics, graphite, group);
    }

    private ForwarderOptions withTopics(List<String> value) {
        return new ForwarderOptions(bootstrapServers, value, graphite, group);
    }

    private ForwarderOptions withGraphite(HostAndPort value) {
        return new ForwarderOptions(bootstrapServers, topics, value, group);
    }

    private ForwarderOptions withGroup(String value) {
        return new ForwarderOptions(bootstrapServers, topics, graphite, value);
    }
}
