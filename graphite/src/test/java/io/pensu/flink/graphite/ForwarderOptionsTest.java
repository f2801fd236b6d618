package io.pensu.flink.graphite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForwarderOptionsTest {

    @Test
    void defaultsToPensusDemoTopicsAndLocalPorts() {
        assertThat(ForwarderOptions.parse())
                .isEqualTo(
                        new ForwarderOptions(
                                "localhost:9092",
                                List.of("metrics", "pensu_anomalies", "pensu.htm.predictions"),
                                new HostAndPort("localhost", 2003),
                                "pensu-graphite-forwarder",
                                Map.of()));
    }

    @Test
    void readsEveryFlag() {
        ForwarderOptions options =
                ForwarderOptions.parse(
                        "--bootstrap-servers", "127.0.0.1:29092",
                        "--topics", "run-metrics, run-anomalies,run-predictions",
                        "--graphite", "127.0.0.1:32003",
                        "--group", "e2e");

        assertThat(options)
                .isEqualTo(
                        new ForwarderOptions(
                                "127.0.0.1:29092",
                                List.of("run-metrics", "run-anomalies", "run-predictions"),
                                new HostAndPort("127.0.0.1", 32003),
                                "e2e",
                                Map.of()));
    }

    @Test
    void rejectsUnknownFlagsMissingValuesAndBadAddresses() {
        assertThatThrownBy(() -> ForwarderOptions.parse("--topic", "x"))
                .hasMessage("unknown flag --topic");
        assertThatThrownBy(() -> ForwarderOptions.parse("--group"))
                .hasMessage("--group needs a value");
        assertThatThrownBy(() -> ForwarderOptions.parse("--graphite", "localhost"))
                .hasMessage("expected host:port, got 'localhost'");
        assertThatThrownBy(() -> ForwarderOptions.parse("--graphite", "localhost:70000"))
                .hasMessageContaining("port out of range");
        assertThatThrownBy(() -> ForwarderOptions.parse("--topics", " , "))
                .hasMessage("--topics needs at least one topic");
    }

    @Test
    void readsKafkaConsumerSettingsFromAPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(
                file,
                "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n"
                        + "ssl.truststore.location=/etc/kafka/truststore.p12\n");

        ForwarderOptions options = ForwarderOptions.parse("--kafka-properties", file.toString());

        assertThat(options.kafkaProperties())
                .containsOnly(
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("sasl.mechanism", "PLAIN"),
                        Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"));
        assertThat(GraphiteForwarder.consumerProperties(options))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("isolation.level", "read_committed");
    }

    @Test
    void refusesKafkaSettingsItMakesItselfOrThatKafkaDoesNotKnow(@TempDir Path dir)
            throws Exception {
        Path own = dir.resolve("own.properties");
        Files.writeString(own, "group.id=other\n");
        Path unknown = dir.resolve("unknown.properties");
        Files.writeString(unknown, "sasl.mechanisms=PLAIN\n");

        assertThatThrownBy(() -> ForwarderOptions.parse("--kafka-properties", own.toString()))
                .hasMessage("--kafka-properties: group.id is not yours to set: use --group");
        assertThatThrownBy(() -> ForwarderOptions.parse("--kafka-properties", unknown.toString()))
                .hasMessage("--kafka-properties: sasl.mechanisms is not a Kafka consumer setting");
        assertThatThrownBy(
                        () ->
                                ForwarderOptions.parse(
                                        "--kafka-properties", dir.resolve("none").toString()))
                .hasMessageStartingWith("--kafka-properties: cannot read ");
    }
}
