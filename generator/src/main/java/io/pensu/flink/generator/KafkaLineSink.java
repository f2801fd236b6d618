package io.pensu.flink.generator;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Kafka record per line, keyed by metric name, so that each metric's samples stay in order in
 * one partition. Every record must reach all in-sync replicas (acks=all), and the idempotent
 * producer keeps retries from writing a line twice.
 */
final class KafkaLineSink implements LineSink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    KafkaLineSink(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "pensu-data-generator");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @Override
    public void send(MetricLine line) {
        throwIfFailed();
        producer.send(
                new ProducerRecord<>(topic, line.name(), line.toCarbon()),
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
    }

    /** Flushes and closes, also when the thread was interrupted to stop it. */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            producer.flush();
        } finally {
            producer.close(CLOSE_TIMEOUT);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception exception = failure.get();
        if (exception != null) {
            throw new KafkaException("writing to topic " + topic + " failed", exception);
        }
    }
}
