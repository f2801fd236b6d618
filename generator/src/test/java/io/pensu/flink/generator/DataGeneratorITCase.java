package io.pensu.flink.generator;

import io.pensu.flink.input.CarbonParser;
import io.pensu.flink.input.InputLimits;
import io.pensu.flink.input.ParsedRecord;
import io.pensu.flink.input.RawRecord;
import io.pensu.flink.input.Sample;
import io.pensu.flink.job.KafkaTestCluster;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator against a real Kafka broker, judged by the job's own carbon parser. */
class DataGeneratorITCase {

    private static final String TOPIC = "metrics";
    private static final CarbonParser JOBS_PARSER =
            new CarbonParser(new InputLimits(4096, 1_048_576, 600_000L));

    private static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(2, TOPIC);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private static int generate(String... args) {
        List<String> all =
                new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        return DataGenerator.run(all.toArray(String[]::new));
    }

    @Test
    void everyLineIsASampleTheJobAcceptsAndARestartNeverGoesBackInTime() {
        // Each run is ended by its count, not the clock. Host readings start at the next whole
        // second, so they get a run of their own: next to a fast replay the count could be
        // reached before the first of them.
        assertThat(generate("--sources", "host", "--rate", "50", "--count", "200")).isZero();
        assertThat(generate("--sources", "nab-aws", "--speed-up", "200000", "--count", "2800"))
                .isZero();
        assertThat(generate("--sources", "nab-aws", "--speed-up", "2000000", "--count", "2000"))
                .isZero();

        List<ConsumerRecord<String, String>> records =
                kafka.drain(TOPIC, 5000, Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertThat(records).hasSize(5000);

        Map<String, List<ConsumerRecord<String, String>>> byMetric = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            ParsedRecord parsed =
                    JOBS_PARSER.parse(
                            new RawRecord(
                                    record.value().getBytes(StandardCharsets.UTF_8),
                                    record.topic(),
                                    record.partition(),
                                    record.offset(),
                                    record.timestamp()));
            assertThat(parsed.deadLetters()).as(record.value()).isEmpty();
            assertThat(parsed.samples()).extracting(Sample::metric).containsExactly(record.key());
            byMetric.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
        }
        assertThat(byMetric.keySet())
                .anyMatch(name -> name.endsWith(".loadavg.15min"))
                .anyMatch(name -> name.endsWith(".memory.used_kib"))
                .anyMatch(name -> name.endsWith(".rx_bytes"))
                .contains("nab.aws.ec2_cpu_utilization_24ae8d", "nab.aws.grok_asg_anomaly");

        long now = System.currentTimeMillis();
        byMetric.forEach(
                (metric, ofMetric) -> {
                    List<Long> timestamps =
                            ofMetric.stream()
                                    .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                                    .map(r -> timestampMillis(r.value()))
                                    .toList();
                    assertThat(timestamps).as(metric).isSorted().doesNotHaveDuplicates();
                    assertThat(timestamps).as(metric).allMatch(t -> t <= now);
                });
    }

    private static long timestampMillis(String line) {
        return JOBS_PARSER
                .parse(
                        new RawRecord(
                                line.getBytes(StandardCharsets.UTF_8),
                                TOPIC,
                                0,
                                0,
                                RawRecord.NO_TIMESTAMP))
                .samples()
                .get(0)
                .timestampMillis();
    }
}
