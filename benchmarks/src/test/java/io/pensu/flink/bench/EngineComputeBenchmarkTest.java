package io.pensu.flink.bench;

import io.pensu.flink.model.NetworkOutput;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineComputeBenchmarkTest {

    @Test
    void warmCompactModelScoresEachNextSample() {
        EngineComputeBenchmark benchmark = new EngineComputeBenchmark();
        benchmark.engine = "compact";
        benchmark.warmSamples = 300;
        benchmark.createWarmModel();

        for (int i = 0; i < 5; i++) {
            NetworkOutput output = benchmark.computeNextSample();
            assertThat(output.rawAnomalyScore()).isBetween(0.0, 1.0);
            assertThat(output.activeColumns()).hasSize(40);
        }
    }
}
