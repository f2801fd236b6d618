package io.pensu.flink.e2e;

import io.pensu.flink.job.E2eInput;
import io.pensu.flink.job.JobTestSupport;
import io.pensu.flink.job.config.Settings;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input as a producer that does not key records sends it: kcat (librdkafka, no code of ours)
 * spreads the lines over the 2 partitions at random, so each metric's samples cross partitions.
 * Ordered by event time (the job's default), the outputs are those of an uninterrupted run fed in
 * order. A line far ahead on each partition moves the watermark past the last samples, which would
 * otherwise wait for newer ones.
 */
class UnkeyedKcatRecordsITCase {

    private static LocalStack stack;
    private static ClusterRun run;

    @BeforeAll
    static void submit() throws Exception {
        stack = new LocalStack();
        // An empty value: the job's default bound on out-of-orderness, event-time order.
        run = stack.submitted("unkeyed", Map.of("PENSU_MAX_OUT_OF_ORDERNESS", ""), 2);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void unkeyedRecordsOverTwoPartitionsGiveTheOutputsOfAnInOrderRun() throws Exception {
        Path work = stack.workDir("unkeyed");
        Path input = Files.write(work.resolve("input.txt"), E2eInput.lines(0, E2eInput.CHUNKS));
        String topic = run.config.get(Settings.METRICS_KAFKA_TOPIC);
        // No sticky batches: each record goes to a partition of the producer's choosing.
        kcat(
                work,
                "-P",
                "-t",
                topic,
                "-X",
                "sticky.partitioning.linger.ms=0",
                "-l",
                input.toString());
        Path marker =
                Files.writeString(
                        work.resolve("end-marker.txt"),
                        "e2e.end.marker 1 "
                                + (E2eInput.START_MILLIS / 1000 + 86_400L * 365)
                                + "\n");
        for (String partition : List.of("0", "1")) {
            kcat(work, "-P", "-t", topic, "-p", partition, "-l", marker.toString());
        }
        Map<Integer, Long> byPartition =
                stack
                        .kafka()
                        .drain(topic, 2, Duration.ofSeconds(30), Duration.ofSeconds(2))
                        .stream()
                        .collect(
                                Collectors.groupingBy(
                                        r -> r.partition(), TreeMap::new, Collectors.counting()));
        assertThat(byPartition).as("records by partition").hasSize(2);

        ClusterRun inOrder = new ClusterRun(stack, "unkeyed");
        run.expectOutputs(
                JobTestSupport.expectedOutputs(
                        run.config,
                        JobTestSupport.uninterrupted(
                                inOrder.config, E2eInput.chunks(0, E2eInput.CHUNKS))));
    }

    private static void kcat(Path work, String... args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                "kcat",
                                "-b",
                                stack.bootstrapServers(),
                                "-X",
                                "enable.idempotence=true"));
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("kcat.log").toFile())
                        .start();
        assertThat(process.waitFor()).as("kcat " + String.join(" ", args)).isZero();
    }
}
