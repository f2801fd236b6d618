package io.pensu.flink.generator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DataGeneratorTest {

    @Test
    void aBadCommandLineExitsWithStatusTwo() {
        assertThat(DataGenerator.run(new String[] {"--rate", "-1"})).isEqualTo(2);
        assertThat(DataGenerator.run(new String[] {"--nope"})).isEqualTo(2);
    }

    @Test
    void helpExitsWithStatusZero() {
        assertThat(DataGenerator.run(new String[] {"--help"})).isZero();
    }

    @Test
    void printsACountOfReplayedLinesWithoutKafka() {
        assertThat(
                        DataGenerator.run(
                                new String[] {
                                    "--stdout",
                                    "--sources",
                                    "nab-aws",
                                    "--speed-up",
                                    "1000000000",
                                    "--count",
                                    "20"
                                }))
                .isZero();
    }
}
