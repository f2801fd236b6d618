package io.pensu.flink.job.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Kafka's rules for topic names and bootstrap server lists. */
final class KafkaNames {

    static final String TOPIC_NAME =
            "a Kafka topic name (1 to 249 characters of a-z A-Z 0-9 . _ -, not '.' or '..')";
    static final String SERVER_LIST = "a comma-separated list of host:port with ports 1 to 65535";

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private KafkaNames() {}

    /** The name itself when Kafka accepts it as a topic name (or transactional id), else null. */
    static String topic(String name) {
        return LEGAL.matcher(name).matches() && !name.equals(".") && !name.equals("..")
                ? name
                : null;
    }

    /**
     * A transactional-id prefix of the job: its consumer group, which names the job to Kafka, and a
     * digest of the topics it reads and writes, so that jobs in different groups, or in one group
     * on other topics, never fence each other's transactions. Derived from the configuration only,
     * so a restart or an upgrade finds and ends the transactions its previous run left open.
     */
    static String transactionalIdPrefix(String consumerGroup, Collection<String> topics) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(String.join("\n", topics).getBytes(StandardCharsets.UTF_8));
            return consumerGroup + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Records an error for every two settings naming the same topic. Kafka also refuses a topic
     * whose name equals an existing one's once '.' and '_' are made the same, because both become
     * '_' in its metric names, so such names count as the same topic.
     */
    static void checkDistinct(Map<Setting<String>, String> topics, SettingReader reader) {
        List<Setting<String>> variables = List.copyOf(topics.keySet());
        for (int i = 0; i < variables.size(); i++) {
            for (int j = i + 1; j < variables.size(); j++) {
                Setting<String> first = variables.get(i);
                Setting<String> second = variables.get(j);
                if (reader.anyBad(first, second)) {
                    continue;
                }
                String a = topics.get(first);
                String b = topics.get(second);
                if (a.equals(b)) {
                    reader.error(
                            second,
                            "must name another topic than " + first + ", got '" + b + "' for both");
                } else if (a.replace('.', '_').equals(b.replace('.', '_'))) {
                    reader.error(
                            second,
                            "must name another topic than "
                                    + first
                                    + ", got '"
                                    + b
                                    + "', which Kafka takes for '"
                                    + a
                                    + "' ('.' and '_' collide)");
                }
            }
        }
    }

    /** The list with blanks around its entries removed, or null when an entry is malformed. */
    static String servers(String list) {
        List<String> servers = new ArrayList<>();
        for (String entry : list.split(",", -1)) {
            String server = entry.trim();
            if (!isServer(server)) {
                return null;
            }
            servers.add(server);
        }
        return String.join(",", servers);
    }

    private static boolean isServer(String server) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || server.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        String port = server.substring(colon + 1);
        if (port.isEmpty()
                || port.length() > 5
                || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535;
    }
}
