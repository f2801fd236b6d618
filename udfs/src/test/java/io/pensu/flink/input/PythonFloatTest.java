package io.pensu.flink.input;

import io.pensu.flink.testing.FastestRun;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.OptionalDouble;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PythonFloatTest {

    private static final int ONE_MIB = 1 << 20;

    static Stream<String> hostileTokens() {
        return Stream.of(
                "1".repeat(ONE_MIB) + "x",
                "1".repeat(ONE_MIB),
                "1e" + "1".repeat(ONE_MIB) + "x",
                "1." + "1".repeat(ONE_MIB) + "e",
                "1.".repeat(ONE_MIB / 2),
                "-" + "0".repeat(ONE_MIB) + ".5e-");
    }

    /**
     * Measured on a 2-core machine shared with other builds: 4 to 12 ms per token (over 50 ms under
     * a load of 20); the backtracking pattern this replaced took 2.1 s for a token of 16,000
     * characters, and hours for one of 1 MiB.
     */
    @ParameterizedTest
    @MethodSource("hostileTokens")
    void readsAMebibyteTokenInLinearTime(String token) {
        OptionalDouble firstResult = PythonFloat.parse(token);

        long millis =
                FastestRun.millis(
                        () -> assertThat(PythonFloat.parse(token)).isEqualTo(firstResult));

        assertThat(millis).isLessThan(FastestRun.LINEAR_BOUND_MILLIS);
    }
}
