package io.pensu.flink.nab;

import io.pensu.flink.nab.InjectedAnomalies.Injected;
import io.pensu.flink.nab.InjectedAnomalies.Injection;
import io.pensu.flink.nab.InjectedAnomalies.Kind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CaughtWindowsTest {

    private static final String NAME = "realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv";

    @Test
    void countsTheWindowsWhoseRowsReachTheThresholdByKind(@TempDir Path dir) {
        NabCorpus nab = NabCorpus.read(Path.of("nab"), List.of(NAME));
        Injected injected =
                InjectedAnomalies.inject(nab.files().get(NAME), nab.windows().get(NAME), 7);
        SyntheticCorpus.write(dir, List.of(injected));
        NabCorpus corpus = NabCorpus.read(dir);
        double[] scores = new double[corpus.files().get(NAME).rows()];
        for (Injection injection : injected.injections()) {
            if (injection.kind() == Kind.SPIKE_IN_RANGE) {
                scores[injection.first()] = 0.9;
            } else if (injection.kind() == Kind.DIP_OUT_OF_RANGE) {
                scores[injection.first()] = 0.995;
            }
        }

        CaughtWindows caught = CaughtWindows.of(dir, corpus);
        caught.add(Map.of(NAME, scores), corpus, 0.9);
        caught.add(Map.of(NAME, scores), corpus, 0.999);

        // at 0.9 both marked windows are caught, at 0.999 neither: the out-of-range dip (0.995)
        // is a near miss; a file of 4,032 rows is a long series
        assertThat(caught.summary())
                .isEqualTo(
                        "caught 2 of 8; in range 1 of 4 (short series 0 of 0); missed 6, near"
                                + " misses 1");
    }

    @Test
    void aCorpusWithoutInjectionsHasNone() {
        assertThat(CaughtWindows.of(Path.of("nab"), NabCorpus.read(Path.of("nab"), List.of(NAME))))
                .isNull();
    }
}
