package io.pensu.flink.job.kafka;

import org.apache.flink.connector.kafka.source.enumerator.subscriber.KafkaSubscriber;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Subscribes the source to one topic that may not exist yet. Flink's own topic list fails the job
 * when a topic is missing, and the restarted job fails again until someone creates it; this one
 * finds no partitions instead, says at WARN how to create the topic, and the source's periodic
 * partition discovery picks the topic up once it exists, reading it from its start.
 *
 * <p>It does not create the topic: how many partitions and replicas it needs is the operator's
 * choice, and a misspelt name must not quietly become a new, empty topic.
 */
final class AwaitedTopic implements KafkaSubscriber {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AwaitedTopic.class);

    /** Between two warnings while the topic is missing; discovery asks more often. */
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

    private final String topic;
    private final String bootstrapServers;
    private transient long lastWarningNanos;
    private transient boolean missing;

    AwaitedTopic(String topic, String bootstrapServers) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public Set<TopicPartition> getSubscribedTopicPartitions(AdminClient admin) {
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                warnMissing();
                return Set.of();
            }
            throw new IllegalStateException(
                    "Cannot describe input topic '" + topic + "' on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted describing topic '" + topic + "'", e);
        }
        if (missing) {
            LOG.info("Input topic '{}' exists now: reading it from its start", topic);
            missing = false;
        }
        return description.partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toSet());
    }

    private void warnMissing() {
        long now = System.nanoTime();
        if (missing && now - lastWarningNanos < WARNING_INTERVAL.toNanos()) {
            return;
        }
        missing = true;
        lastWarningNanos = now;
        LOG.warn(
                "Input topic '{}' (PENSU_METRICS_KAFKA_TOPIC) does not exist on {}; the job waits"
                        + " for it and reads it from its start once it does. Create it, e.g."
                        + " kafka-topics.sh --bootstrap-server {} --create --topic {}"
                        + " --partitions <N>",
                topic,
                bootstrapServers,
                bootstrapServers,
                topic);
    }
}
