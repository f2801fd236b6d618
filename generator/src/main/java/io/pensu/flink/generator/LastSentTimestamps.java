package io.pensu.flink.generator;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;

/**
 * The latest timestamp of some metrics among the last records of a topic: where an earlier run of
 * the generator stopped. Reads at most {@link #TAIL_RECORDS} records per partition.
 */
final class LastSentTimestamps {

    static final int TAIL_RECORDS = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LastSentTimestamps() {}

    static OptionalLong latest(String bootstrapServers, String topic, Set<String> metrics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pensu-data-generator-resume");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(PartitionInfo::partition)
                            .map(p -> new TopicPartition(topic, p))
                            .toList();
            if (partitions.isEmpty()) {
                return OptionalLong.empty();
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(
                        partition,
                        Math.max(beginnings.get(partition), ends.get(partition) - TAIL_RECORDS));
            }
            long latest = Long.MIN_VALUE;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read the end of topic " + topic + " within " + TIMEOUT);
                }
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    latest = Math.max(latest, latestIn(record.value(), metrics));
                }
            }
            return latest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(latest);
        }
    }

    /** The latest timestamp of the metrics in one record's carbon lines, else Long.MIN_VALUE. */
    static long latestIn(String record, Set<String> metrics) {
        long latest = Long.MIN_VALUE;
        if (record == null) {
            return latest;
        }
        for (String line : record.split("\n")) {
            String[] tokens = line.strip().split("[ \t]+");
            if (tokens.length == 3 && metrics.contains(tokens[0])) {
                try {
                    latest =
                            Math.max(
                                    latest,
                                    new BigDecimal(tokens[2]).movePointRight(3).longValue());
                } catch (NumberFormatException e) {
                    // not a line the generator wrote: the job rejects it, and so it is no sample
                }
            }
        }
        return latest;
    }
}
