package io.pensu.flink.residual;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResidualDetectorTest {

    /** The job's default likelihood threshold. */
    private static final double ALERT = 0.99999;

    private static final int DAY = 288;

    @Test
    void alertsOnTheFirstSampleOfAShortSpikeInsideTheRangeAndNotOnTheDaysBefore() {
        double[] series = noisyDailySeries(6 * DAY);
        int spike = 5 * DAY + 200; // on the falling slope, well inside the daily range
        for (int i = spike; i < spike + 3; i++) {
            series[i] += 8;
        }
        ResidualDetector detector = new ResidualDetector(0.2);
        double quietMax = 0;
        for (int i = 0; i < spike; i++) {
            quietMax = Math.max(quietMax, detector.anomalyProbability(series[i]));
        }

        assertThat(quietMax).isLessThan(ALERT);
        assertThat(detector.anomalyProbability(series[spike])).isGreaterThanOrEqualTo(ALERT);
    }

    @Test
    void alertsOnAShortDipToo() {
        double[] series = noisyDailySeries(4 * DAY);
        ResidualDetector detector = new ResidualDetector(0.2);
        for (double value : series) {
            detector.anomalyProbability(value);
        }

        assertThat(detector.anomalyProbability(series[series.length - 1] - 8))
                .isGreaterThanOrEqualTo(ALERT);
    }

    /** Jumps as large as the spike above are ordinary for this metric, so they are no evidence. */
    @Test
    void staysQuietOnAMetricWhoseOrdinaryJumpsAreLarge() {
        Random random = new Random(7);
        ResidualDetector detector = new ResidualDetector(0.2);
        double max = 0;
        for (int i = 0; i < 20 * DAY; i++) {
            double value = 100 + random.nextGaussian() * 4 + (random.nextInt(50) == 0 ? 10 : 0);
            max = Math.max(max, detector.anomalyProbability(value));
        }

        assertThat(max).isLessThan(ALERT);
    }

    @Test
    void givesNoEvidenceUntilItHasADayOfResiduals() {
        ResidualDetector detector = new ResidualDetector(0.2);
        double[] series =
                noisyDailySeries(ResidualDetector.MEDIAN_WINDOW + ResidualDetector.MIN_HISTORY);
        for (double value : series) {
            assertThat(detector.anomalyProbability(value)).isZero();
        }
        assertThat(detector.anomalyProbability(1e6)).isGreaterThanOrEqualTo(ALERT);
    }

    /** A constant metric's first small step is judged by the least scale, not by a zero spread. */
    @Test
    void aConstantMetricIsJudgedOnItsLeastScale() {
        ResidualDetector detector = new ResidualDetector(1.0);
        for (int i = 0; i < 2 * DAY; i++) {
            detector.anomalyProbability(50);
        }

        assertThat(detector.anomalyProbability(50.5)).isLessThan(ALERT);
        assertThat(detector.anomalyProbability(65)).isGreaterThanOrEqualTo(ALERT);
    }

    @Test
    void aGlitchBeyondWhatAFloatHoldsStaysFinite() {
        ResidualDetector detector = new ResidualDetector(0.2);
        double[] series = noisyDailySeries(3 * DAY);
        series[DAY] = 1e308;
        series[DAY + 1] = -1e308;
        for (double value : series) {
            assertThat(detector.anomalyProbability(value)).isBetween(0.0, 1.0);
        }
    }

    @ParameterizedTest(name = "trend {0}")
    @ValueSource(booleans = {false, true})
    void restoresBitIdenticallyAndContinuesExactly(boolean trend) throws IOException {
        double[] series = noisyDailySeries(8 * DAY);
        ResidualDetector uninterrupted = new ResidualDetector(0.2, trend);
        ResidualDetector before = new ResidualDetector(0.2, trend);
        int cut = 5 * DAY + 17; // between two fits of the tails
        for (int i = 0; i < cut; i++) {
            uninterrupted.anomalyProbability(series[i]);
            before.anomalyProbability(series[i]);
        }
        byte[] snapshot = bytes(before);
        ResidualDetector restored =
                ResidualDetector.readFrom(new DataInputStream(new ByteArrayInputStream(snapshot)));

        assertThat(bytes(restored)).isEqualTo(snapshot);
        for (int i = cut; i < series.length; i++) {
            assertThat(restored.anomalyProbability(series[i]))
                    .isEqualTo(uninterrupted.anomalyProbability(series[i]));
        }
    }

    /**
     * On a straight flank every value lies 3 steps above the median before it, none above the
     * trend.
     */
    @Test
    void theTrendPredictionFollowsAStraightFlank() {
        ResidualDetector median = new ResidualDetector(0.2);
        ResidualDetector trend = new ResidualDetector(0.2, true);
        for (int i = 0; i < 10; i++) {
            median.anomalyProbability(2.0 * i);
            trend.anomalyProbability(2.0 * i);
        }

        assertThat(median.residual(20)).isEqualTo(6.0);
        assertThat(trend.residual(20)).isZero();
    }

    /** A plateau among the values before moves the trend by no more than the ordinary steps. */
    @Test
    void aPlateauBeforeDoesNotMoveTheTrend() {
        ResidualDetector trend = new ResidualDetector(0.2, true);
        for (double value : new double[] {0, 0, 0, 9, 9}) {
            trend.anomalyProbability(value);
        }

        assertThat(trend.residual(9)).isEqualTo(9.0);
    }

    @Test
    void theTrendResidualStillAlertsOnAShortSpikeInsideTheRange() {
        double[] series = noisyDailySeries(6 * DAY);
        int spike = 5 * DAY + 200;
        ResidualDetector detector = new ResidualDetector(0.2, true);
        double quietMax = 0;
        for (int i = 0; i < spike; i++) {
            quietMax = Math.max(quietMax, detector.anomalyProbability(series[i]));
        }

        assertThat(quietMax).isLessThan(ALERT);
        assertThat(detector.anomalyProbability(series[spike] + 8)).isGreaterThanOrEqualTo(ALERT);
    }

    /** Issue 12 wants a whole model under 1 MB; this detector's share is a few KB for ever. */
    @Test
    void itsStateIsBoundedByAFewKilobytes() throws IOException {
        ResidualDetector detector = new ResidualDetector(0.2);
        for (double value : noisyDailySeries(30 * DAY)) {
            detector.anomalyProbability(value);
        }

        assertThat(bytes(detector).length).isLessThanOrEqualTo(4_300);
    }

    @Test
    void rejectsACorruptSnapshot() throws IOException {
        ResidualDetector detector = new ResidualDetector(0.2);
        byte[] snapshot = bytes(detector);
        // version, least scale, the window's count and next and its 5 values: the history's count
        snapshot[4 + 8 + 2 * 4 + 5 * 8] = 127;

        assertThatThrownBy(
                        () ->
                                ResidualDetector.readFrom(
                                        new DataInputStream(new ByteArrayInputStream(snapshot))))
                .isInstanceOf(IOException.class);
    }

    /** A daily sine of 5-minute samples around 100, amplitude 10, with Gaussian noise of sd 0.5. */
    private static double[] noisyDailySeries(int samples) {
        Random noise = new Random(1);
        double[] values = new double[samples];
        for (int i = 0; i < samples; i++) {
            values[i] = 100 + 10 * Math.sin(2 * Math.PI * i / DAY) + noise.nextGaussian() * 0.5;
        }
        return values;
    }

    private static byte[] bytes(ResidualDetector detector) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        detector.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
