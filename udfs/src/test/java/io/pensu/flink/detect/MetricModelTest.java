package io.pensu.flink.detect;

import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.model.ModelParameters;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A metric model in the job's default configuration, as a new user meets it. */
class MetricModelTest {

    private static final int LEARNING_SAMPLES = 288;
    private static final long START_MILLIS = 1_600_000_000_000L;
    private static final long STEP_MILLIS = 300_000L;

    /**
     * PENSU_ANOMALY_SCORE_THRESHOLD, PENSU_ANOMALY_LIKELIHOOD_THRESHOLD and confidence defaults.
     */
    private static final AnomalyDecision DEFAULT_DECISION = new AnomalyDecision(0.99, 0.99999, 0.9);

    @Test
    void reportsAThreefoldSpikeInASmoothSeriesWithTheDefaultThresholds() {
        double[] series = smoothSeries(8 * LEARNING_SAMPLES);
        MetricModel model = learnedModel(series);

        Detection spike = DEFAULT_DECISION.decide("m", at(series.length), 300, next(model, series));

        assertThat(spike.anomalyScore()).isGreaterThanOrEqualTo(0.9);
        assertThat(spike.spatialAnomaly()).isTrue();
        assertThat(spike.anomalous()).isTrue();
    }

    @Test
    void stillSeesASpikeWhenAGlitchWasAmongTheLearningSamples() {
        double[] series = smoothSeries(4 * LEARNING_SAMPLES);
        series[10] = 1e308;
        MetricModel model = learnedModel(series);

        ModelOutput spike = model.process(at(series.length), 300);

        assertThat(spike.spatialAnomaly()).isTrue();
    }

    @Test
    void reportsNoLearningSampleAsSpatialEvenTheGlitchTheRangeLeavesOut() {
        double[] series = smoothSeries(LEARNING_SAMPLES);
        series[10] = 1e308;
        MetricModel model =
                MetricModel.create(settings(), ModelParameters.defaults(), series.clone());

        for (int i = 0; i < series.length; i++) {
            assertThat(model.process(at(i), series[i]).spatialAnomaly()).isFalse();
        }
    }

    /**
     * A dip of three samples that stays inside the learned range is not a spatial anomaly, so only
     * the temporal memory can notice it: the likelihood must alert there and not on the day before.
     */
    @Test
    void alertsOnAShortDipInsideTheRangeButNotOnTheDayBefore() {
        double[] series = smoothSeries(10 * LEARNING_SAMPLES);
        int dipStart = 9 * LEARNING_SAMPLES + 72; // at the daily peak, ~110
        for (int i = dipStart; i < dipStart + 3; i++) {
            series[i] = 95; // well inside the learned range of ~90 to ~110
        }
        double[] learning = java.util.Arrays.copyOf(series, LEARNING_SAMPLES);
        MetricModel model = MetricModel.create(settings(), ModelParameters.defaults(), learning);
        double quietDayMax = 0;
        double dipMax = 0;
        for (int i = 0; i < series.length; i++) {
            ModelOutput output = model.process(at(i), series[i]);
            assertThat(output.spatialAnomaly()).isFalse();
            if (i >= dipStart - LEARNING_SAMPLES && i < dipStart) {
                quietDayMax = Math.max(quietDayMax, output.likelihood());
            } else if (i >= dipStart && i < dipStart + 12) {
                dipMax = Math.max(dipMax, output.likelihood());
            }
        }

        double threshold = DEFAULT_DECISION.likelihoodThreshold();
        assertThat(quietDayMax).isLessThan(threshold);
        assertThat(dipMax).isGreaterThanOrEqualTo(threshold);
    }

    /**
     * A single sample 6 above the daily curve, well inside the learned range: the network's
     * averaged likelihood barely moves for one sample, the residual from the median before it is
     * far beyond the metric's noise.
     */
    @Test
    void alertsOnASingleSampleSpikeInsideTheRange() {
        double[] series = smoothSeries(10 * LEARNING_SAMPLES);
        int spike = 9 * LEARNING_SAMPLES + 200; // on the falling slope, ~92
        series[spike] += 6;
        double[] learning = java.util.Arrays.copyOf(series, LEARNING_SAMPLES);
        MetricModel model = MetricModel.create(settings(), ModelParameters.defaults(), learning);
        double before = 0;
        for (int i = 0; i < spike; i++) {
            ModelOutput output = model.process(at(i), series[i]);
            if (i >= spike - LEARNING_SAMPLES) {
                before = Math.max(before, output.likelihood());
            }
        }
        ModelOutput atSpike = model.process(at(spike), series[spike]);

        assertThat(atSpike.spatialAnomaly()).isFalse();
        assertThat(before).isLessThan(DEFAULT_DECISION.likelihoodThreshold());
        assertThat(atSpike.likelihood())
                .isGreaterThanOrEqualTo(DEFAULT_DECISION.likelihoodThreshold());
    }

    /** A daily sine of 5-minute samples around 100 with a little noise. */
    private static double[] smoothSeries(int samples) {
        Random noise = new Random(1);
        double[] values = new double[samples];
        for (int i = 0; i < samples; i++) {
            values[i] = 100 + 10 * Math.sin(2 * Math.PI * i / 288) + noise.nextGaussian() * 0.5;
        }
        return values;
    }

    /** A model created from the first samples of {@code series} that has processed all of it. */
    private static MetricModel learnedModel(double[] series) {
        double[] learning = java.util.Arrays.copyOf(series, LEARNING_SAMPLES);
        MetricModel model = MetricModel.create(settings(), ModelParameters.defaults(), learning);
        for (int i = 0; i < series.length; i++) {
            model.process(at(i), series[i]);
        }
        return model;
    }

    private static ModelOutput next(MetricModel model, double[] series) {
        return model.process(at(series.length), 300);
    }

    private static ModelSettings settings() {
        return new ModelSettings(
                "compact",
                5,
                0.1,
                AnomalyLikelihood.Settings.defaults(),
                0.05,
                ZoneOffset.UTC,
                LEARNING_SAMPLES);
    }

    private static long at(int sample) {
        return START_MILLIS + sample * STEP_MILLIS;
    }
}
