package io.pensu.flink.job.kafka;

import io.pensu.flink.job.KafkaTestCluster;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The source's subscription to an input topic that is created after the job started. */
class AwaitedTopicITCase {

    @Test
    void findsNoPartitionsAndSaysHowToCreateTheTopicUntilItExists() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
                AdminClient admin =
                        AdminClient.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        kafka.bootstrapServers()));
                Warnings warnings = new Warnings(AwaitedTopic.class)) {
            String servers = kafka.bootstrapServers();
            AwaitedTopic subscriber = new AwaitedTopic("late.metrics", servers);

            assertThat(subscriber.getSubscribedTopicPartitions(admin)).isEmpty();
            assertThat(subscriber.getSubscribedTopicPartitions(admin)).isEmpty();
            assertThat(warnings.messages)
                    .as("warned once, not at every discovery")
                    .containsExactly(
                            "Input topic 'late.metrics' (PENSU_METRICS_KAFKA_TOPIC) does not exist"
                                    + " on "
                                    + servers
                                    + "; the job waits for it and reads it from its start once"
                                    + " it does. Create it, e.g. kafka-topics.sh"
                                    + " --bootstrap-server "
                                    + servers
                                    + " --create --topic late.metrics --partitions <N>");

            kafka.createTopics(2, "late.metrics");

            assertThat(subscriber.getSubscribedTopicPartitions(admin))
                    .containsExactlyInAnyOrder(
                            new TopicPartition("late.metrics", 0),
                            new TopicPartition("late.metrics", 1));
        }
    }

    /** The WARN messages of one class's logger while open. */
    private static final class Warnings extends AbstractAppender implements AutoCloseable {

        final List<String> messages = new CopyOnWriteArrayList<>();
        private final Logger logger;
        private final Level level;

        Warnings(Class<?> source) {
            super("warnings", null, null, true, Property.EMPTY_ARRAY);
            logger = (Logger) LogManager.getLogger(source);
            level = logger.getLevel();
            start();
            logger.addAppender(this);
            logger.setLevel(Level.WARN);
        }

        @Override
        public void append(LogEvent event) {
            if (event.getLevel() == Level.WARN) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        }

        @Override
        public void close() {
            logger.removeAppender(this);
            logger.setLevel(level);
            stop();
        }
    }
}
