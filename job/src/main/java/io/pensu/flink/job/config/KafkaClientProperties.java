package io.pensu.flink.job.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client settings read from Java properties files (TLS, SASL, tuning), so that secrets such
 * as {@code sasl.jaas.config} need not appear in program arguments, which the Flink web UI shows.
 * Settings the job makes itself are refused, each with what to set instead.
 */
enum KafkaClientProperties {
    CONSUMER(
            ConsumerConfig.configNames(),
            Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "set PENSU_KAFKA_CONSUMER_SERVER",
                    ConsumerConfig.GROUP_ID_CONFIG, "set PENSU_KAFKA_CONSUMER_GROUP",
                    ConsumerConfig.CLIENT_ID_CONFIG, "set PENSU_KAFKA_CONSUMER_CLIENT_ID",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "the job reads raw bytes",
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "the job reads raw bytes",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "the job reads committed records only (read_committed)",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            "offsets are committed with each checkpoint",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "the job starts at the group's committed offsets, else the earliest")),
    PRODUCER(
            ProducerConfig.configNames(),
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "set PENSU_KAFKA_PRODUCER_SERVER",
                    ProducerConfig.CLIENT_ID_CONFIG, "set PENSU_KAFKA_PRODUCER_CLIENT_ID",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "the job writes text",
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "the job writes text",
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "set PENSU_TRANSACTIONAL_ID_PREFIX",
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                            "the job sets it to fit its checkpoints (15 min)",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            "exactly-once needs it and at-least-once keeps order with it",
                    ProducerConfig.ACKS_CONFIG,
                            "the job waits for all in-sync replicas (acks=all), or output"
                                    + " could be lost"));

    static final String EXPECTED = "a readable Java properties file of Kafka client settings";

    /** Parameters of the config providers, e.g. config.providers.env.class. */
    private static final String CONFIG_PROVIDER_PARAMETER = "config.providers.";

    private final Set<String> known;
    private final Map<String, String> reserved;

    KafkaClientProperties(Set<String> known, Map<String, String> reserved) {
        this.known = known;
        this.reserved = reserved;
    }

    /**
     * The settings of a file meant for this client.
     *
     * @throws IllegalArgumentException naming each setting that is unknown or the job's own
     */
    Map<String, String> read(String file) {
        Map<String, String> settings = load(file);
        List<String> problems = new ArrayList<>();
        settings.keySet().forEach(key -> problems.addAll(problems(key, List.of(this))));
        return checked(settings, problems);
    }

    /**
     * The settings of a file meant for every client of the job.
     *
     * @throws IllegalArgumentException naming each setting that no client knows or that one of them
     *     must not be given
     */
    static Map<String, String> readShared(String file) {
        Map<String, String> settings = load(file);
        List<String> problems = new ArrayList<>();
        settings.keySet().forEach(key -> problems.addAll(problems(key, List.of(values()))));
        return checked(settings, problems);
    }

    /** Those of {@code shared} this client knows, overridden by {@code own}. */
    Map<String, String> merge(Map<String, String> shared, Map<String, String> own) {
        Map<String, String> merged = new TreeMap<>();
        shared.forEach(
                (key, value) -> {
                    if (knows(key)) {
                        merged.put(key, value);
                    }
                });
        merged.putAll(own);
        return Map.copyOf(merged);
    }

    private boolean knows(String key) {
        return known.contains(key) || key.startsWith(CONFIG_PROVIDER_PARAMETER);
    }

    private static List<String> problems(String key, List<KafkaClientProperties> clients) {
        List<String> problems = new ArrayList<>();
        for (KafkaClientProperties client : clients) {
            String instead = client.reserved.get(key);
            if (instead != null) {
                problems.add(key + " is set by the job: " + instead);
                return problems;
            }
        }
        if (clients.stream().noneMatch(client -> client.knows(key))) {
            problems.add(key + " is not a Kafka " + names(clients) + " setting");
        }
        return problems;
    }

    private static String names(List<KafkaClientProperties> clients) {
        return clients.size() == 1 ? clients.get(0).name().toLowerCase() : "client";
    }

    private static Map<String, String> checked(
            Map<String, String> settings, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return settings;
    }

    private static Map<String, String> load(String file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read it (" + e + ")", e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties
                .stringPropertyNames()
                .forEach(key -> settings.put(key, properties.getProperty(key).trim()));
        return settings;
    }
}
