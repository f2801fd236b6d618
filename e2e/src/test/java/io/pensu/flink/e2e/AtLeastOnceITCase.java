package io.pensu.flink.e2e;

import io.pensu.flink.job.E2eInput;
import io.pensu.flink.job.JobTestSupport;
import io.pensu.flink.job.KafkaTopics;
import io.pensu.flink.job.config.Settings;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least once: no transactions, so consumers see outputs at once, and a restore writes again what
 * the job wrote after its checkpoint. The TaskManager dies mid-stream after a checkpoint; read as a
 * plain consumer reads (read_uncommitted), with each record's repeats dropped (every output line is
 * unique, so a repeat is a replay), the outputs are exactly an uninterrupted run's.
 */
class AtLeastOnceITCase {

    private static LocalStack stack;
    private static ClusterRun run;

    @BeforeAll
    static void submit() throws Exception {
        stack = new LocalStack();
        run =
                stack.submitted(
                        "at-least-once", Map.of("PENSU_DELIVERY_GUARANTEE", "at-least-once"), 2);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void taskManagerKilledMidStreamNothingLostRepeatsAreReplays() throws Exception {
        run.produce(E2eInput.lines(0, 2));
        LocalStack.await("a completed checkpoint", () -> checkpoints("completed") > 0);
        CompletableFuture<Void> producing =
                CompletableFuture.runAsync(() -> run.produceSlowly(E2eInput.lines(2, 3)));
        Thread.sleep(1_000);
        stack.killTaskManager();
        stack.startTaskManager();
        producing.get(LocalStack.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        var expected =
                JobTestSupport.expectedOutputs(
                        run.config,
                        JobTestSupport.uninterrupted(run.config, E2eInput.chunks(0, 3)));
        for (String topic :
                List.of(
                        run.config.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC),
                        run.config.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC))) {
            Map<String, List<String>> wanted = expected.get(topic);
            LocalStack.await(
                    topic + " holds every expected record",
                    () ->
                            JobTestSupport.total(withoutRepeats(topic))
                                    >= JobTestSupport.total(wanted));
            assertThat(withoutRepeats(topic)).as(topic).isEqualTo(wanted);
        }
        assertThat(checkpoints("restored")).isPositive();
    }

    private static int checkpoints(String count) {
        try {
            return run.checkpoints(count);
        } catch (Exception e) {
            return 0;
        }
    }

    /** Each key's records in order, read uncommitted, without a record seen before. */
    private static Map<String, List<String>> withoutRepeats(String topic) {
        Map<String, List<String>> byKey =
                KafkaTopics.valuesByKey(
                        stack.kafka()
                                .drain(
                                        topic,
                                        0,
                                        Duration.ofSeconds(10),
                                        Duration.ofSeconds(2),
                                        "read_uncommitted"));
        Map<String, List<String>> distinct = new TreeMap<>();
        byKey.forEach(
                (key, values) -> distinct.put(key, new ArrayList<>(new LinkedHashSet<>(values))));
        return distinct;
    }
}
