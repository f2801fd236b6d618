package io.pensu.flink.bench;

import io.pensu.flink.model.NetworkOutput;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EngineComputeBenchmarkTest {

    private static EngineComputeBenchmark warmCompactModel(int samplesPerModel) throws Exception {
        EngineComputeBenchmark benchmark = new EngineComputeBenchmark();
        benchmark.engine = "compact";
        benchmark.warmSamples = 300;
        benchmark.samplesPerModel = samplesPerModel;
        benchmark.createWarmModel();
        return benchmark;
    }

    @Test
    void warmCompactModelScoresEachNextSample() throws Exception {
        EngineComputeBenchmark benchmark = warmCompactModel(5);

        for (int i = 0; i < 5; i++) {
            benchmark.keepTheModelsAge();
            NetworkOutput output = benchmark.computeNextSample();
            assertThat(output.rawAnomalyScore()).isBetween(0.0, 1.0);
            assertThat(output.activeColumns()).hasSize(40);
        }
    }

    @Test
    void modelStartsAgainWarmAfterItsShareOfSamples() throws Exception {
        EngineComputeBenchmark benchmark = warmCompactModel(3);

        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            benchmark.keepTheModelsAge();
            NetworkOutput output = benchmark.computeNextSample();
            outputs.add(output.rawAnomalyScore() + " " + Arrays.toString(output.activeColumns()));
        }

        assertThat(outputs.subList(3, 6)).isEqualTo(outputs.subList(0, 3));
    }
}
