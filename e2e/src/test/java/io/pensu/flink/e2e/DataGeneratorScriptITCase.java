package io.pensu.flink.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data generator's shaded jar, run by scripts/generator.sh against the stack's broker, writes
 * the lines it is asked for, each a carbon line keyed by its metric's name.
 */
class DataGeneratorScriptITCase {

    private static final String TOPIC = "generator-lines";

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new LocalStack();
        stack.kafka().createTopics(2, TOPIC);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void writesCarbonLinesKeyedByMetric() throws Exception {
        Path work = stack.workDir("generator");
        ProcessBuilder generator =
                new ProcessBuilder(
                                stack.repository.resolve("scripts/generator.sh").toString(),
                                "--bootstrap-servers",
                                stack.bootstrapServers(),
                                "--topic",
                                TOPIC,
                                "--speed-up",
                                "1000000",
                                "--count",
                                "200")
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("generator.log").toFile());
        generator.environment().put("PENSU_LOCAL_DIR", stack.stateDir.toString());
        assertThat(generator.start().waitFor()).as("generator.sh; see " + work).isZero();

        var records =
                stack.kafka().drain(TOPIC, 200, Duration.ofSeconds(60), Duration.ofSeconds(2));
        assertThat(records).hasSize(200);
        for (var record : records) {
            assertThat(record.value())
                    .matches(
                            record.key().replace(".", "\\.")
                                    + " -?[0-9]+(\\.[0-9]+)? [0-9]+(\\.[0-9]+)?");
        }
        List<String> keys = records.stream().map(r -> r.key()).toList();
        assertThat(keys).anyMatch(k -> k.startsWith("nab.aws."));
        assertThat(keys).anyMatch(k -> k.endsWith(".loadavg.15min"));
    }
}
