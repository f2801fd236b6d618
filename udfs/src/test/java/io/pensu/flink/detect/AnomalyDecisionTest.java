package io.pensu.flink.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnomalyDecisionTest {

    private static final AnomalyDecision PENSU_DEFAULTS = new AnomalyDecision(0.99, 0.99999, 0.9);
    private static final Prediction CONFIDENT = new Prediction(2_000L, 10.0, 0.95);

    private static Detection decide(ModelOutput out) {
        return PENSU_DEFAULTS.decide("a.b", 1_000L, 20.0, out);
    }

    @Test
    void reportsWhenScoreLikelihoodAndConfidenceAllReachTheirThresholds() {
        Detection d = decide(new ModelOutput(0.99, 0.99999, false, 12.0, CONFIDENT));
        assertThat(d.anomalous()).isTrue();
    }

    @Test
    void doesNotReportBelowAnyThreshold() {
        assertThat(decide(new ModelOutput(0.98, 1.0, false, 12.0, CONFIDENT)).anomalous())
                .isFalse();
        assertThat(decide(new ModelOutput(1.0, 0.9999, false, 12.0, CONFIDENT)).anomalous())
                .isFalse();
        Prediction unsure = new Prediction(2_000L, 10.0, 0.89);
        assertThat(decide(new ModelOutput(1.0, 1.0, false, 12.0, unsure)).anomalous()).isFalse();
        assertThat(decide(new ModelOutput(1.0, 1.0, false, 12.0, null)).anomalous()).isFalse();
    }

    @Test
    void spatialAnomalyStandsInForTheScoreThreshold() {
        Detection d = decide(new ModelOutput(0.2, 1.0, true, 12.0, CONFIDENT));
        assertThat(d.anomalous()).isTrue();
    }

    @Test
    void spatialAnomalyIsReportedWhateverTheConfidenceOfThePredictionMadeAtIt() {
        Prediction unsure = new Prediction(2_000L, 10.0, 0.12);
        assertThat(decide(new ModelOutput(1.0, 1.0, true, 12.0, unsure)).anomalous()).isTrue();
    }

    @Test
    void directionIsOneWhenTheValueCameInAboveWhatWasPredictedForIt() {
        Detection d = decide(new ModelOutput(1.0, 1.0, false, 12.0, CONFIDENT));
        assertThat(d.direction()).isEqualTo(1);
    }

    @Test
    void directionIsMinusOneWhenTheValueCameInBelowWhatWasPredictedForIt() {
        Detection d = decide(new ModelOutput(1.0, 1.0, false, 25.0, CONFIDENT));
        assertThat(d.direction()).isEqualTo(-1);
    }

    @Test
    void directionIsZeroWhenNotAnomalousOrNothingWasPredicted() {
        assertThat(decide(new ModelOutput(0.5, 1.0, false, 12.0, CONFIDENT)).direction()).isZero();
        assertThat(decide(new ModelOutput(1.0, 1.0, false, null, CONFIDENT)).direction()).isZero();
        assertThat(decide(new ModelOutput(1.0, 1.0, false, 20.0, CONFIDENT)).direction()).isZero();
    }

    @Test
    void carriesTheModelOutputIntoTheDetection() {
        Detection d = decide(new ModelOutput(0.3, 0.6, false, 12.0, CONFIDENT));
        assertThat(d)
                .isEqualTo(
                        new Detection(
                                "a.b", 1_000L, 20.0, 0.3, 0.6, false, false, 0, 12.0, CONFIDENT));
    }
}
