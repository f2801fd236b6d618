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

    @ParameterizedTest(name = "run {0}")
    @ValueSource(booleans = {false, true})
    void restoresBitIdenticallyAndContinuesExactly(boolean run) throws IOException {
        double[] series = noisyDailySeries(8 * DAY);
        ResidualDetector uninterrupted = new ResidualDetector(0.2, run);
        ResidualDetector before = new ResidualDetector(0.2, run);
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

    /** Issue 12 wants a whole model under 1 MB; this detector's share is a few KB for ever. */
    @Test
    void itsStateIsBoundedByAFewKilobytes() throws IOException {
        ResidualDetector detector = new ResidualDetector(0.2);
        for (double value : noisyDailySeries(30 * DAY)) {
            detector.anomalyProbability(value);
        }

        assertThat(bytes(detector).length).isLessThanOrEqualTo(8_600);
    }

    /**
     * A detector of snapshot version 1 (before the run) restores with a run that is silent until it
     * has seen a day: meanwhile it says what it said before.
     */
    @Test
    void aVersion1SnapshotRestoresAndStartsItsRun() throws IOException {
        double[] series = noisyDailySeries(4 * DAY);
        ResidualDetector alone = new ResidualDetector(0.2, false);
        for (int i = 0; i < 2 * DAY; i++) {
            alone.anomalyProbability(series[i]);
        }
        byte[] current = bytes(alone);
        // version 1 was version 2 without the run's flag
        ByteArrayOutputStream version1 = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(version1);
        out.writeInt(1);
        out.write(current, 4, 8);
        out.write(current, 4 + 8 + 1, current.length - (4 + 8 + 1));
        ResidualDetector restored =
                ResidualDetector.readFrom(
                        new DataInputStream(new ByteArrayInputStream(version1.toByteArray())));

        for (int i = 2 * DAY; i < 3 * DAY; i++) {
            assertThat(restored.anomalyProbability(series[i]))
                    .isEqualTo(alone.anomalyProbability(series[i]));
        }
        assertThat(bytes(restored).length).isGreaterThan(bytes(alone).length);
    }

    /**
     * The samples of a short dip count as one event where runs are rare: in a metric whose noise
     * alternates in sign, so that its residuals are never two in a row in the same tail.
     */
    @Test
    void theRunRaisesTheEvidenceOfAShortDip() {
        Random noise = new Random(3);
        double[] series = new double[6 * DAY];
        for (int i = 0; i < series.length; i++) {
            series[i] = 100 + (i % 2 == 0 ? 1 : -1) * Math.abs(noise.nextGaussian()) * 0.5;
        }
        int dip = series.length - 3;
        for (int i = dip; i < series.length; i++) {
            series[i] -= 3;
        }
        ResidualDetector alone = new ResidualDetector(0.2, false);
        ResidualDetector withRun = new ResidualDetector(0.2);
        double aloneMax = 0;
        double runMax = 0;
        for (int i = 0; i < series.length; i++) {
            double a = alone.anomalyProbability(series[i]);
            double r = withRun.anomalyProbability(series[i]);
            if (i >= dip) {
                aloneMax = Math.max(aloneMax, a);
                runMax = Math.max(runMax, r);
            }
        }

        assertThat(runMax).isGreaterThan(aloneMax);
    }

    @Test
    void rejectsACorruptSnapshot() throws IOException {
        ResidualDetector detector = new ResidualDetector(0.2);
        byte[] snapshot = bytes(detector);
        // version, least scale, the run's flag, the window's count and next and its 5 values: the
        // history's count
        snapshot[4 + 8 + 1 + 2 * 4 + 5 * 8] = 127;

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
