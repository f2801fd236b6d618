package io.pensu.flink.nab;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;

import org.junit.jupiter.api.Test;

import java.util.List;

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
}
