package io.pensu.flink.generator;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LastSentTimestampsTest {

    private static final Set<String> NAB = Set.of("nab.aws.a", "nab.aws.b");

    @Test
    void takesTheLatestTimestampOfTheGivenMetrics() {
        assertThat(
                        LastSentTimestamps.latestIn(
                                "nab.aws.a 1 1700000000\nnab.aws.b 2 1700000300.5\nhost.load 1 1800000000\n",
                                NAB))
                .isEqualTo(1_700_000_300_500L);
    }

    @Test
    void ignoresLinesThatAreNoSamplesOfThem() {
        assertThat(LastSentTimestamps.latestIn("nab.aws.a x\nnab.aws.b 1 soon\n", NAB))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(LastSentTimestamps.latestIn(null, NAB)).isEqualTo(Long.MIN_VALUE);
    }
}
