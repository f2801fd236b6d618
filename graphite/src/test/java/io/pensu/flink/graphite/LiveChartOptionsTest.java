package io.pensu.flink.graphite;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveChartOptionsTest {

    private static final long NOW = 1_700_000_000L;

    @Test
    void defaultsToPort8088AndTheReportsDefaults() {
        LiveChartOptions options = LiveChartOptions.parse(NOW, "--whisper-dir", "w");

        assertThat(options.port()).isEqualTo(8088);
        assertThat(options.points()).isEqualTo(600);
        assertThat(options.refreshSeconds()).isEqualTo(5);
        assertThat(options.charts()).isEqualTo(ReportOptions.parse(NOW, "--whisper-dir", "w"));
    }

    @Test
    void passesTheReportsFlagsOn() {
        LiveChartOptions options =
                LiveChartOptions.parse(
                        NOW,
                        "--port",
                        "29088",
                        "--whisper-dir",
                        "w",
                        "--likelihood-threshold",
                        "0.9",
                        "--refresh-seconds",
                        "2");

        assertThat(options.port()).isEqualTo(29088);
        assertThat(options.refreshSeconds()).isEqualTo(2);
        assertThat(options.charts().whisperDir()).isEqualTo(Path.of("w"));
        assertThat(options.charts().likelihoodThreshold()).isEqualTo(0.9);
    }

    @Test
    void refusesWhatItCannotServe() {
        assertThatThrownBy(() -> LiveChartOptions.parse(NOW, "--whisper-dir", "w", "--out", "r"))
                .hasMessageContaining("write no files");
        assertThatThrownBy(
                        () -> LiveChartOptions.parse(NOW, "--whisper-dir", "w", "--port", "70000"))
                .hasMessageContaining("not a port");
        assertThatThrownBy(() -> LiveChartOptions.parse(NOW, "--whisper-dir", "w", "--points", "1"))
                .hasMessageContaining("below 2");
        assertThatThrownBy(() -> LiveChartOptions.parse(NOW, "--port", "0"))
                .hasMessageContaining("--whisper-dir is required");
    }
}
