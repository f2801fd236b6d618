package io.pensu.flink.nab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NabChartsTest {

    static final String FILE = "realTraffic/speed_7578.csv";

    @Test
    void drawsAPagePerFileWithItsWindowsAndDetections(@TempDir Path dir) throws IOException {
        NabCorpus corpus = NabCorpus.read(Path.of("nab"), List.of(FILE));
        double[] scores = new double[corpus.files().get(FILE).rows()];
        AnomalyWindow first = corpus.windows().get(FILE).get(0);
        scores[first.first()] = 1.0;
        Map<String, double[]> rows = Map.of(FILE, scores);
        NabScore standard = new NabScorer(corpus).score(rows).get(NabProfile.STANDARD);

        NabCharts.write(dir, corpus, rows, standard);

        String page = Files.readString(dir.resolve("realTraffic_speed_7578.html"));
        assertThat(page).contains("<polyline").contains("stroke=\"#d62728\"");
        assertThat(page.split("fill=\"#fcc\"")).hasSize(corpus.windows().get(FILE).size() + 1);
        assertThat(Files.readString(dir.resolve("index.html")))
                .contains("href=\"realTraffic_speed_7578.html\"");
    }
}
