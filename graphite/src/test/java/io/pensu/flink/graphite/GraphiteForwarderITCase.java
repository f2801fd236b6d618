package io.pensu.flink.graphite;

import io.pensu.flink.job.KafkaTestCluster;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The forwarder against a real in-process Kafka broker and a recording stand-in for carbon. */
class GraphiteForwarderITCase {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(2, "metrics", "anomalies", "restart");
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void forwardsCommittedCarbonLinesOnceAndSkipsTheRest() throws Exception {
        try (RecordingCarbon carbon = new RecordingCarbon();
                KafkaProducer<String, String> producer = transactionalProducer("lines")) {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, "metrics", "a.b 1 100\nnot a carbon line\na.b 2 200\n");
            send(producer, "anomalies", "pensu.anomaly_score.metrics_analyzer.a.b 0.5 100");
            producer.commitTransaction();
            producer.beginTransaction();
            send(producer, "metrics", "a.b 666 300");
            producer.abortTransaction();

            Running first = start(options("lines", carbon, "metrics", "anomalies"));
            List<String> received = carbon.awaitLines(3, TIMEOUT);
            first.stop();

            assertThat(received)
                    .containsExactlyInAnyOrder(
                            "a.b 1 100",
                            "a.b 2 200",
                            "pensu.anomaly_score.metrics_analyzer.a.b 0.5 100");
            assertThat(first.forwarder.forwardedLines()).isEqualTo(3);
            assertThat(first.forwarder.skippedLines()).isEqualTo(1);

            producer.beginTransaction();
            send(producer, "metrics", "a.b 3 300");
            producer.commitTransaction();
            Running second = start(options("lines", carbon, "metrics", "anomalies"));
            carbon.awaitLines(4, TIMEOUT);
            second.stop();

            // The first run committed its offsets: the second sends only the new line.
            assertThat(carbon.lines()).hasSize(4).endsWith("a.b 3 300");
            assertThat(second.forwarder.forwardedLines()).isEqualTo(1);
        }
    }

    @Test
    void sendsAgainWhenCarbonComesBack() throws Exception {
        try (RecordingCarbon carbon = new RecordingCarbon();
                KafkaProducer<String, String> producer = transactionalProducer("restart")) {
            producer.initTransactions();
            Running running = start(options("restart", carbon, "restart"));
            commit(producer, "restart", "x.y 1 100");
            carbon.awaitLines(1, TIMEOUT);

            carbon.goAway();
            commit(producer, "restart", "x.y 2 200");
            Thread.sleep(1500);
            carbon.comeBack();

            assertThat(carbon.awaitLines(2, TIMEOUT)).contains("x.y 1 100", "x.y 2 200");
            running.stop();
        }
    }

    @Test
    void readsFromABrokerThatRequiresSaslWithSettingsFromItsPropertiesFile(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("kafka.properties");
        try (KafkaTestCluster sasl = KafkaTestCluster.startWithSaslPlain();
                RecordingCarbon carbon = new RecordingCarbon()) {
            Properties login = new Properties();
            login.putAll(sasl.clientSecurity());
            try (var out = Files.newOutputStream(file)) {
                login.store(out, null);
            }
            sasl.createTopics(1, "secured");
            sasl.produce("secured", 0, List.of("s.a 1 100\ns.a 2 200".getBytes(UTF_8)));

            Running running =
                    start(
                            ForwarderOptions.parse(
                                    "--bootstrap-servers", sasl.bootstrapServers(),
                                    "--topics", "secured",
                                    "--graphite", carbon.address().toString(),
                                    "--group", "sasl",
                                    "--kafka-properties", file.toString()));
            List<String> received = carbon.awaitLines(2, TIMEOUT);
            running.stop();

            assertThat(received).containsExactly("s.a 1 100", "s.a 2 200");
        }
    }

    record Running(GraphiteForwarder forwarder, Thread thread) {
        void stop() throws InterruptedException {
            forwarder.stopAndWait();
            thread.join();
        }
    }

    static Running start(ForwarderOptions options) {
        GraphiteForwarder forwarder = new GraphiteForwarder(options);
        Thread thread = new Thread(forwarder, "forwarder");
        thread.start();
        return new Running(forwarder, thread);
    }

    static ForwarderOptions options(String group, RecordingCarbon carbon, String... topics) {
        return new ForwarderOptions(
                kafka.bootstrapServers(), List.of(topics), carbon.address(), group, Map.of());
    }

    static KafkaProducer<String, String> transactionalProducer(String id) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    static void send(KafkaProducer<String, String> producer, String topic, String value) {
        producer.send(new ProducerRecord<>(topic, "a.b", value));
    }

    static void commit(KafkaProducer<String, String> producer, String topic, String value) {
        producer.beginTransaction();
        send(producer, topic, value);
        producer.commitTransaction();
    }
}
