package io.pensu.flink.graphite;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The forwarder's command line: where to read, what, and where to write.
 *
 * @param kafkaProperties further Kafka consumer settings (TLS, SASL, ...) from a properties file
 */
public record ForwarderOptions(
        String bootstrapServers,
        List<String> topics,
        HostAndPort graphite,
        String group,
        Map<String, String> kafkaProperties) {

    static final String USAGE =
            "usage: GraphiteForwarder [--bootstrap-servers HOST:PORT] [--topics a,b,c]"
                    + " [--graphite HOST:PORT] [--group NAME] [--kafka-properties FILE]\n"
                    + "  --bootstrap-servers  Kafka brokers to read from (default localhost:9092)\n"
                    + "  --topics             topics of Graphite plaintext lines"
                    + " (default metrics,pensu_anomalies,pensu.htm.predictions)\n"
                    + "  --graphite           carbon's plaintext listener (default localhost:2003)\n"
                    + "  --group              Kafka consumer group (default"
                    + " pensu-graphite-forwarder)\n"
                    + "  --kafka-properties   Java properties file of Kafka consumer settings,"
                    + " e.g. security.protocol, sasl.*, ssl.truststore.*";

    public static final ForwarderOptions DEFAULTS =
            new ForwarderOptions(
                    "localhost:9092",
                    List.of("metrics", "pensu_anomalies", "pensu.htm.predictions"),
                    new HostAndPort("localhost", 2003),
                    "pensu-graphite-forwarder",
                    Map.of());

    /** Consumer settings the forwarder makes itself, and the flag that sets them if any. */
    private static final Map<String, String> OWN_SETTINGS =
            Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "use --bootstrap-servers",
                    ConsumerConfig.GROUP_ID_CONFIG, "use --group",
                    ConsumerConfig.CLIENT_ID_CONFIG, "the forwarder uses the group",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "offsets follow carbon's writes",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "only committed lines are forwarded",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "a new group starts at the earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "lines are text",
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "lines are text");

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
                        case "--kafka-properties" ->
                                options.withKafkaProperties(kafkaProperties(Path.of(value)));
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

    /** The file's settings, refusing those the forwarder makes and names Kafka does not know. */
    private static Map<String, String> kafkaProperties(Path file) {
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("--kafka-properties: cannot read " + file, e);
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : loaded.stringPropertyNames()) {
            if (OWN_SETTINGS.containsKey(key)) {
                throw new IllegalArgumentException(
                        "--kafka-properties: "
                                + key
                                + " is not yours to set: "
                                + OWN_SETTINGS.get(key));
            }
            if (!ConsumerConfig.configNames().contains(key)
                    && !key.startsWith("config.providers.")) {
                throw new IllegalArgumentException(
                        "--kafka-properties: " + key + " is not a Kafka consumer setting");
            }
            settings.put(key, loaded.getProperty(key).strip());
        }
        return Map.copyOf(settings);
    }

    private ForwarderOptions withBootstrapServers(String value) {
        return new ForwarderOptions(value, topics, graphite, group, kafkaProperties);
    }

    private ForwarderOptions withTopics(List<String> value) {
        return new ForwarderOptions(bootstrapServers, value, graphite, group, kafkaProperties);
    }

    private ForwarderOptions withGraphite(HostAndPort value) {
        return new ForwarderOptions(bootstrapServers, topics, value, group, kafkaProperties);
    }

    private ForwarderOptions withGroup(String value) {
        return new ForwarderOptions(bootstrapServers, topics, graphite, value, kafkaProperties);
    }

    private ForwarderOptions withKafkaProperties(Map<String, String> value) {
        return new ForwarderOptions(bootstrapServers, topics, graphite, group, value);
    }
}
