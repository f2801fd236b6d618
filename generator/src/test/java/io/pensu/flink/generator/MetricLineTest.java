package io.pensu.flink.generator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricLineTest {

    @Test
    void writesWholeNumbersAndSecondsWithoutDecimals() {
        assertThat(new MetricLine("a.b", 1.0e7, 1_700_000_000_000L).toCarbon())
                .isEqualTo("a.b 10000000 1700000000");
    }

    @Test
    void writesFractionsInPlainNotation() {
        assertThat(new MetricLine("a.b", 0.000012, 1_700_000_000_500L).toCarbon())
                .isEqualTo("a.b 0.000012 1700000000.5");
        assertThat(new MetricLine("a.b", -0.0, 0).toCarbon()).isEqualTo("a.b 0 0");
    }

    @Test
    void rejectsNameWithoutDot() {
        assertThatThrownBy(() -> new MetricLine("nodot", 1, 0)).hasMessageContaining("dot");
    }

    @Test
    void rejectsNameWithSpace() {
        assertThatThrownBy(() -> new MetricLine("a. b", 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonFiniteValue() {
        assertThatThrownBy(() -> new MetricLine("a.b", Double.NaN, 0))
                .hasMessageContaining("not finite");
    }
}
