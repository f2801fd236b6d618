package io.pensu.flink.job;

import io.pensu.flink.output.KeyedText;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka clients of one broker for tests: the in-JVM broker's (KafkaTestCluster) and the local
 * stack's of the end-to-end tests.
 */
public final class KafkaTopics {

    private final String bootstrapServers;
    private final Map<String, String> clientSecurity;

    public KafkaTopics(String bootstrapServers, Map<String, String> clientSecurity) {
        this.bootstrapServers = bootstrapServers;
        this.clientSecurity = clientSecurity;
    }

    private Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(clientSecurity);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    public void createTopics(int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(
                            Arrays.stream(topics)
                                    .map(t -> new NewTopic(t, partitions, (short) 1))
                                    .collect(Collectors.toList()))
                    .all()
                    .get();
        }
    }

    /** Writes each payload as one record, to the given partition, in order. */
    public void produce(String topic, int partition, List<byte[]> payloads) {
        send(
                payloads.stream()
                        .map(p -> new ProducerRecord<byte[], byte[]>(topic, partition, null, p))
                        .toList());
    }

    /**
     * Writes each carbon line as one record keyed by its first field, the metric name, so that the
     * producer's partitioner keeps each metric's lines in order on one partition.
     */
    public void produceKeyedByMetric(String topic, List<String> lines) {
        send(
                lines.stream()
                        .map(
                                line ->
                                        new ProducerRecord<>(
                                                topic,
                                                JobTestSupport.utf8(line.split(" ", 2)[0]),
                                                JobTestSupport.utf8(line)))
                        .toList());
    }

    private void send(List<ProducerRecord<byte[], byte[]>> records) {
        Properties props = clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    /**
     * Reads committed records of {@code topic} until {@code expected} have arrived, then keeps
     * reading for {@code settle} to catch any extra (duplicate) record; fails on timeout.
     */
    public List<ConsumerRecord<String, String>> drain(
            String topic, int expected, Duration timeout, Duration settle) {
        return drain(topic, expected, timeout, settle, "read_committed");
    }

    /** {@link #drain(String, int, Duration, Duration)} at the given isolation level. */
    public List<ConsumerRecord<String, String>> drain(
            String topic, int expected, Duration timeout, Duration settle, String isolation) {
        Properties props = clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + settle.toNanos();
                }
            }
        }
        if (records.size() < expected) {
            throw new AssertionError(
                    "expected "
                            + expected
                            + " records on "
                            + topic
                            + " within "
                            + timeout
                            + ", got "
                            + records.size());
        }
        return records;
    }

    /**
     * Reads each topic of {@code expected} until its records have arrived, and checks they are
     * exactly those, by key, in order.
     */
    public void expectOutputs(
            Map<String, Map<String, List<String>>> expected, Duration timeout, Duration settle) {
        expectOutputs(expected, UnaryOperator.identity(), timeout, settle);
    }

    /**
     * As {@link #expectOutputs(Map, Duration, Duration)}, comparing each record's value as {@code
     * seen} shows it, on both sides.
     */
    public void expectOutputs(
            Map<String, Map<String, List<String>>> expected,
            UnaryOperator<String> seen,
            Duration timeout,
            Duration settle) {
        for (var topic : expected.entrySet()) {
            var actual =
                    drain(topic.getKey(), JobTestSupport.total(topic.getValue()), timeout, settle);
            assertThat(seenByKey(valuesByKey(actual), seen))
                    .as(topic.getKey())
                    .isEqualTo(seenByKey(topic.getValue(), seen));
        }
    }

    private static Map<String, List<String>> seenByKey(
            Map<String, List<String>> byKey, UnaryOperator<String> seen) {
        Map<String, List<String>> result = new TreeMap<>();
        byKey.forEach((key, values) -> result.put(key, values.stream().map(seen).toList()));
        return result;
    }

    /** Record values grouped by key, each key's in the order read, for comparing runs. */
    public static Map<String, List<String>> valuesByKey(
            List<ConsumerRecord<String, String>> records) {
        return JobTestSupport.byKey(
                records.stream()
                        .map(r -> new KeyedText(r.key(), r.value()))
                        .collect(Collectors.toList()));
    }
}
