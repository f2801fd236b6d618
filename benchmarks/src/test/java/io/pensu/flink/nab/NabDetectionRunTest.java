package io.pensu.flink.nab;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.job.DetectionTopology;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NabDetectionRunTest {

    /** Like machine_temperature's step back: the third row repeats the second's timestamp. */
    static final NabDataFile FILE =
            new NabDataFile(
                    "realKnownCause/x.csv",
                    List.of(
                            "2014-01-01 00:00:00",
                            "2014-01-01 00:05:00",
                            "2014-01-01 00:05:00",
                            "2014-01-01 00:10:00"),
                    new double[] {1, 2, 3, 4});

    private static DetectorOutput detection(int row, double likelihood) {
        return DetectorOutput.of(
                new Detection(
                        FILE.name(),
                        FILE.epochMillis(row),
                        FILE.values()[row],
                        0.0,
                        likelihood,
                        false,
                        false,
                        0,
                        null,
                        null));
    }

    private static DetectorOutput rejection(int row) {
        return DetectorOutput.of(
                new DeadLetter(
                        RejectReason.DUPLICATE_TIMESTAMP, "", "", FILE.name(), "nab", 0, row));
    }

    @Test
    void givesARejectedRowScoreZeroAndEveryOtherRowItsDetection() {
        FileDetections rows =
                NabDetectionRun.rowsOf(
                        FILE,
                        List.of(
                                detection(0, 0.5),
                                detection(1, 0.7),
                                detection(3, 0.9),
                                rejection(2)));

        assertThat(rows.rejected()).containsExactly(false, false, true, false);
        assertThat(rows.scores(AlertScore.LIKELIHOOD)).containsExactly(0.5, 0.7, 0.0, 0.9);
    }

    @Test
    void refusesDetectionsThatDoNotMatchTheRows() {
        assertThatThrownBy(
                        () ->
                                NabDetectionRun.rowsOf(
                                        FILE,
                                        List.of(
                                                detection(0, 0.5),
                                                detection(3, 0.9),
                                                rejection(2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row 1");
    }

    @Test
    void marksTheRowsTheDetectorRejectsWhenRunOnFlink(@TempDir Path nab) throws Exception {
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        for (int row = 0; row < 40; row++) {
            int minute = row == 20 ? 19 : row == 30 ? 25 : row;
            lines.add(String.format("2014-01-01 00:%02d:00,%d", minute, row % 7));
        }
        Path data = nab.resolve("data");
        Files.createDirectories(data.resolve("realKnownCause"));
        Files.write(data.resolve(FILE.name()), lines);
        NabDataFile file = NabDataFile.read(data, FILE.name());
        NabCorpus corpus = new NabCorpus(Map.of(file.name(), file), Map.of(file.name(), List.of()));
        PensuConfig config =
                PensuConfig.load(
                        Map.of(
                                "PENSU_HTM_ENGINE", "compact",
                                "PENSU_ENCODER_LEARNING_SAMPLES", "10"),
                        new String[0]);

        FileDetections rows =
                new NabDetectionRun(
                                DetectionTopology.detectorSettings(config),
                                1,
                                config.get(Settings.MAX_PARALLELISM),
                                new PrintStream(OutputStream.nullOutputStream()))
                        .run(data, corpus)
                        .get(file.name());

        for (int row = 0; row < 40; row++) {
            assertThat(rows.rejected()[row])
                    .as("row %d rejected", row)
                    .isEqualTo(row == 20 || row == 30);
        }
    }
}
