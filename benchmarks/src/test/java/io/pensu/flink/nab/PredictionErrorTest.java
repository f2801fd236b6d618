package io.pensu.flink.nab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PredictionErrorTest {

    private static final double NONE = Double.NaN;

    @Test
    void comparesEachForecastWithTheValueTheGivenStepsLater() {
        double[] values = {10, 20, 30, 20, 10};
        double[] forecasts = {NONE, 25, 25, NONE, 40};

        PredictionError error = PredictionError.of(values, forecasts, new boolean[5], 2);

        // 25 against 20 (row 3), 25 against 10 (row 4); row 4 has nothing 2 steps later.
        assertThat(error.pairs()).isEqualTo(2);
        assertThat(error.maeOfRange()).isCloseTo((5 + 15) / 2.0 / 20, within(1e-12));
        assertThat(error.rmseOfRange()).isCloseTo(Math.sqrt((25 + 225) / 2.0) / 20, within(1e-12));
        assertThat(error.mape()).isCloseTo((5 / 20.0 + 15 / 10.0) / 2, within(1e-12));
    }

    @Test
    void stepsOverRejectedRowsAndLeavesZerosOutOfThePercentage() {
        double[] values = {10, 99, 0, 30};
        boolean[] rejected = {false, true, false, false};

        PredictionError error =
                PredictionError.of(values, new double[] {5, NONE, 20, NONE}, rejected, 1);

        // Row 0 forecasts row 2 (row 1 is no sample), row 2 forecasts row 3.
        assertThat(error.pairs()).isEqualTo(2);
        assertThat(error.maeOfRange()).isCloseTo((5 + 10) / 2.0 / 99, within(1e-12));
        assertThat(error.mape()).isCloseTo(10 / 30.0, within(1e-12));
    }

    @Test
    void theNaiveForecastIsTheLastValueWhereTheModelForecast() {
        assertThat(PredictionError.lastValueAt(new double[] {1, 2, 3}, new double[] {NONE, 7, 8}))
                .containsExactly(NONE, 2, 3);
    }
}
