package io.pensu.flink.graphite;

import org.junit.jupiter.api.Test;

import java.util.List;

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
                                "pensu-graphite-forwarder"));
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
                                "e2e"));
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
}
