package io.pensu.flink.job;

import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pensu.flink.job.JobTestSupport.environment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the event-time buffer costs: samples of three metrics sent live, unkeyed, one per metric and
 * second, stamped with the time they are sent; the latency of a sample is the time from its sending
 * to its anomaly line's arrival (read_committed, so it includes the 1 s checkpoint). Prints the
 * figures; asserts only generous bounds.
 *
 * <p>A measurement, not part of the test command (it waits minutes for the bound): run it with
 * {@code mvn -pl job -am verify -Dit.test=EventTimeLatencyBenchmark -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class EventTimeLatencyBenchmark extends KafkaJobTestBase {

    private static final List<String> METRICS = List.of("live.cpu", "live.mem", "live.load");

    @ParameterizedTest(name = "PENSU_MAX_OUT_OF_ORDERNESS={0}")
    @ValueSource(ints = {0, 60})
    void anOutputComesAboutTheBoundAfterItsSample(int boundSeconds) throws Exception {
        Map<String, String> env = environment(kafka, "latency-" + boundSeconds);
        env.put("PENSU_MAX_OUT_OF_ORDERNESS", Integer.toString(boundSeconds));
        env.put("PENSU_ENCODER_LEARNING_SAMPLES", "1");
        PensuConfig config = PensuConfig.load(env, new String[0]);
        createTopics(config);

        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment();
        flink.setParallelism(2);
        PensuJob.defineJob(flink, config);
        JobClient job = flink.executeAsync("pensu-latency-it");
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Double> latencies = new ArrayList<>();
        // Sample 19 comes out once samples bound + 1 s newer are in.
        int ticks = boundSeconds + 25;
        ScheduledExecutorService producerThread = Executors.newSingleThreadScheduledExecutor();
        try (KafkaProducer<String, String> producer = producer();
                KafkaConsumer<String, String> consumer = consumer(config)) {
            while (job.getJobStatus().get() != JobStatus.RUNNING) {
                Thread.sleep(100);
            }
            Thread.sleep(5_000);
            long firstStamp = System.currentTimeMillis() / 1000;
            AtomicInteger tick = new AtomicInteger();
            producerThread.scheduleAtFixedRate(
                    () -> send(producer, config, tick.getAndIncrement(), ticks, firstStamp, sentAt),
                    0,
                    1,
                    TimeUnit.SECONDS);
            // Samples of the last bound seconds wait for newer ones that never come.
            int measured = 20 * METRICS.size();
            long deadline =
                    System.nanoTime() + TIMEOUT.toNanos() + Duration.ofSeconds(ticks).toNanos();
            while (latencies.size() < measured && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    long arrived = System.currentTimeMillis();
                    String[] line = r.value().split(" ");
                    if (line[0].startsWith("pensu.anomaly_score.")) {
                        Long sent = sentAt.get(r.key() + " " + line[2]);
                        latencies.add((arrived - sent) / 1000.0);
                    }
                }
            }
        } finally {
            producerThread.shutdownNow();
            job.cancel().get();
        }
        latencies.sort(Double::compare);
        double median = latencies.get(latencies.size() / 2);
        System.out.printf(
                "PENSU_MAX_OUT_OF_ORDERNESS=%d: sample to output %.1f s (median), %.1f s to %.1f s"
                        + " over %d samples%n",
                boundSeconds,
                median,
                latencies.get(0),
                latencies.get(latencies.size() - 1),
                latencies.size());
        assertThat(latencies).hasSize(20 * METRICS.size());
        assertThat(median).isBetween((double) boundSeconds, boundSeconds + 30.0);
    }

    private static void send(
            KafkaProducer<String, String> producer,
            PensuConfig config,
            int tick,
            int ticks,
            long firstStamp,
            Map<String, Long> sentAt) {
        if (tick >= ticks) {
            return;
        }
        String stamp = Long.toString(firstStamp + tick);
        for (String metric : METRICS) {
            sentAt.put(metric + " " + stamp, System.currentTimeMillis());
            // No key: the producer spreads the records over the partitions.
            producer.send(
                    new ProducerRecord<>(
                            config.get(Settings.METRICS_KAFKA_TOPIC),
                            metric + " " + valueAt(tick) + " " + stamp));
        }
        producer.flush();
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        // Round robin instead of sticky batches, so that each metric's samples cross partitions.
        props.put(
                ProducerConfig.PARTITIONER_CLASS_CONFIG,
                org.apache.kafka.clients.producer.RoundRobinPartitioner.class.getName());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(PensuConfig config) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(
                ConsumerConfig.GROUP_ID_CONFIG,
                "latency-reader-" + config.get(Settings.METRICS_KAFKA_TOPIC));
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC)));
        return consumer;
    }
}
