package io.pensu.flink.graphite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against fixture.wsp, written by Graphite's whisper library (see make-fixture.py there). */
class WhisperFileTest {

    static final long NOW = 1_700_000_000L;

    static Path fixture() throws URISyntaxException {
        return Path.of(WhisperFileTest.class.getResource("/whisper/fixture.wsp").toURI());
    }

    @Test
    void readsTheArchivesOfTheHeader() throws Exception {
        assertThat(WhisperFile.open(fixture()).archives())
                .containsExactly(
                        new WhisperFile.Archive(40, 1, 60), new WhisperFile.Archive(760, 10, 60));
    }

    @Test
    void readsTheLastMinuteAtFullResolutionAcrossTheEndOfTheRing() throws Exception {
        TimeSeries series = WhisperFile.open(fixture()).read(NOW - 59, NOW, NOW);

        // Value 1.5 * i at 1699999911 + i; the 90 points went round the 60-point ring.
        assertThat(series.timestamps())
                .containsExactly(IntStream.rangeClosed(-59, 0).mapToLong(d -> NOW + d).toArray());
        assertThat(series.values())
                .containsExactly(
                        IntStream.rangeClosed(-59, 0).mapToDouble(d -> 1.5 * (d + 89)).toArray());
    }

    @Test
    void readsOlderRangesFromTheCoarserArchive() throws Exception {
        TimeSeries series = WhisperFile.open(fixture()).read(NOW - 100, NOW - 70, NOW);

        // Points older than the fine archive went straight into the coarse one, where the last
        // written point of each 10 s step stays (i = 8, 18, 28).
        assertThat(series)
                .isEqualTo(
                        new TimeSeries(
                                new long[] {NOW - 90, NOW - 80, NOW - 70},
                                new double[] {12.0, 27.0, 42.0}));
    }

    @Test
    void returnsNothingForARangeWithoutPoints() throws Exception {
        assertThat(WhisperFile.open(fixture()).read(NOW + 10, NOW + 20, NOW).isEmpty()).isTrue();
        assertThat(WhisperFile.open(fixture()).read(NOW - 5000, NOW - 4000, NOW).isEmpty())
                .isTrue();
    }

    @Test
    void refusesAFileThatIsNotWhisper(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("x.wsp"), new byte[16]);

        assertThatThrownBy(() -> WhisperFile.open(file)).hasMessageContaining("not a whisper file");
    }
}
