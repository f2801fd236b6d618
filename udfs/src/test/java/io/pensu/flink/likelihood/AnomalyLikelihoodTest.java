package io.pensu.flink.likelihood;

import io.pensu.flink.likelihood.AnomalyLikelihood.Settings;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnomalyLikelihoodTest {

    @Test
    void reportsOneHalfThroughoutTheProbation() {
        AnomalyLikelihood likelihood = new AnomalyLikelihood(Settings.defaults());
        Random random = new Random(1);

        for (int i = 0; i < 388; i++) {
            assertThat(likelihood.anomalyProbability(random.nextDouble(), random.nextDouble()))
                    .isEqualTo(0.5);
        }
        assertThat(likelihood.anomalyProbability(random.nextDouble(), random.nextDouble()))
                .isNotEqualTo(0.5);
    }

    @Test
    void flagsASpikeAfterAQuietStretchAsAlmostCertainlyAnomalous() {
        AnomalyLikelihood likelihood = new AnomalyLikelihood(Settings.defaults());
        Random random = new Random(2);
        double quietMaximum = 0;
        for (int i = 0; i < 600; i++) {
            double quiet =
                    likelihood.anomalyProbability(
                            10 + random.nextGaussian(), 0.05 * random.nextDouble());
            quietMaximum = Math.max(quietMaximum, quiet);
        }

        double atSpike = likelihood.anomalyProbability(100, 1.0);

        assertThat(quietMaximum).isLessThan(0.99);
        assertThat(atSpike).isGreaterThan(0.99999);
    }

    @Test
    void staysUndecidedOnAConstantMetricWhateverTheScores() {
        AnomalyLikelihood likelihood = new AnomalyLikelihood(Settings.defaults());
        Random random = new Random(3);

        for (int i = 0; i < 1000; i++) {
            double score = i % 50 == 0 ? 1.0 : random.nextDouble();
            assertThat(likelihood.anomalyProbability(42.0, score)).isCloseTo(0.5, within(1e-3));
        }
    }

    @Test
    void reproducesAHandComputedReestimation() {
        // learningPeriod 2, estimationSamples 3, window 20, re-estimation every 3, averaging 2.
        AnomalyLikelihood likelihood = new AnomalyLikelihood(new Settings(2, 3, 20, 3, 2));
        double[] scores = {0.9, 0.7, 0.1, 0.3, 0.1, 0.5, 0.9, 0.9, 0.9};
        double[] results = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            results[i] = likelihood.anomalyProbability(i + 1, scores[i]);
        }

        // Iterations 0..4 are the probation (2 + 3).
        assertThat(results).startsWith(0.5, 0.5, 0.5, 0.5, 0.5);

        // Iteration 5, first estimate, over the 5 records so far; skip = min(5, 2 - 0) = 2.
        // Moving averages of 2 scores: 0.9, 0.8, 0.4, 0.2, 0.2; fitted on the last three:
        // mean 0.8/3 = 0.266667, variance (0.133333^2 + 2 * 0.066667^2) / 3 = 0.0088889,
        // stdev 0.0942809 (both above the floors). Values 3, 4, 5 are not flat.
        // The new average is (0.1 + 0.5) / 2 = 0.3: z = 0.033333 / 0.0942809 = 0.353553,
        // tail = 0.5 * erfc(0.353553 / 1.4142) = 0.5 * erfc(0.2500015) = 0.3618355.
        // The previous tail, of 0.2 (mirrored to 0.333333), is 0.5 * erfc(0.5) = 0.2397, not red.
        assertThat(results[5]).isCloseTo(1 - 0.36183553420642645, within(1e-9));

        // Iteration 6 re-estimates (6 % 3 == 0) over 6 records, skip 2: averages 0.4, 0.2, 0.2,
        // 0.3 give mean 0.275, variance (0.125^2 + 2 * 0.075^2 + 0.025^2) / 4 = 0.006875, stdev
        // 0.0829156. The new average (0.5 + 0.9) / 2 = 0.7 has z = 0.425 / 0.0829156 = 5.125686,
        // tail = 0.5 * erfc(3.624442) = 1.4818e-7: red, but its predecessor (the tail of 0.3,
        // 0.38) is not, so the filter lets it through.
        assertThat(results[6]).isCloseTo(1 - 1.4818409849474356e-7, within(1e-12));

        // Iteration 7 keeps the distribution. Average 0.9, tail 2.4e-14: red after red, so the
        // filter turns it into 1 - 0.999.
        assertThat(results[7]).isCloseTo(0.999, within(1e-12));

        // Iteration 8, the same once more: the filter compares with the unfiltered 2.4e-14, not
        // with the 0.001 it reported, so the result stays yellow.
        assertThat(results[8]).isCloseTo(0.999, within(1e-12));
    }

    @Test
    void letsTheFirstRedTailProbabilityThroughAndTurnsTheFollowingOnesYellow() {
        double[] tails = {0.5, 1e-6, 1e-7, 1e-8, 0.2, 1e-5, 0.3};
        // Each value is judged against its unfiltered predecessor: 1e-8 follows 1e-7 (red), even
        // though 1e-7 itself was filtered to 0.001. 1e-5 is within the red zone, after 0.2.
        double[] expected = {0.5, 1e-6, 0.001, 0.001, 0.2, 1e-5, 0.3};

        double[] filtered = new double[tails.length];
        filtered[0] = tails[0];
        for (int i = 1; i < tails.length; i++) {
            filtered[i] = LikelihoodEstimator.redZoneFilter(tails[i - 1], tails[i]);
        }

        assertThat(filtered).containsExactly(expected, within(1e-15));
    }

    @Test
    void keepsNoMoreHistoryThanTheWindow() throws IOException {
        AnomalyLikelihood likelihood = new AnomalyLikelihood(Settings.defaults());
        Random random = new Random(4);

        for (int i = 0; i < 20_000; i++) {
            likelihood.anomalyProbability(random.nextGaussian(), random.nextDouble());
        }

        assertThat(likelihood.historySize()).isEqualTo(8640);
        // Header 4 + settings 20 + iteration 8 + flag 1 + distribution 16 + moving average
        // (4 + 10 * 8 + 8) + previous tail 8 + history size 4; then the length of the values,
        // which are no short decimals, at most 1 + 8 bytes each after the first's scale; and 8640
        // distinct scores, a flag and 8 bytes each.
        assertThat(snapshot(likelihood))
                .hasSizeLessThanOrEqualTo(
                        4 + 20 + 8 + 1 + 16 + 92 + 8 + 4 + 4 + 1 + 8640 * 9 + 1 + 8640 * 8);
    }

    @Test
    void writesTheHistoryOfAMetricWithShortDecimalsAndFewDistinctScoresInAFewBytesASample()
            throws IOException {
        AnomalyLikelihood likelihood = new AnomalyLikelihood(Settings.defaults());
        Random random = new Random(8);
        double value = 50;
        for (int i = 0; i < 20_000; i++) {
            value = Math.round(100 * (value + random.nextGaussian())) / 100.0;
            likelihood.anomalyProbability(value, random.nextInt(41) / 40.0);
        }

        byte[] bytes = snapshot(likelihood);

        // 41 distinct scores take 6 bits each; values that vary by about 1.00 keep only the
        // newest.
        assertThat(bytes).hasSizeLessThanOrEqualTo(8640 * 6 / 8 + 500);
        assertThat(likelihood.valuesKept()).isLessThan(10);
        assertThat(snapshot(restore(bytes))).isEqualTo(bytes);
    }

    @Test
    void keepsEveryValueOfAFlatMetricAndStaysUndecidedAfterARestore() throws IOException {
        AnomalyLikelihood likelihood = new AnomalyLikelihood(Settings.defaults());
        Random random = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            likelihood.anomalyProbability(42 + 1e-4 * random.nextGaussian(), random.nextDouble());
        }

        AnomalyLikelihood restored = restore(snapshot(likelihood));

        assertThat(restored.valuesKept()).isEqualTo(8640);
        for (int i = 0; i < 300; i++) {
            double value = 42 + 1e-4 * random.nextGaussian();
            double score = random.nextDouble();
            double expected = likelihood.anomalyProbability(value, score);
            assertThat(restored.anomalyProbability(value, score)).isEqualTo(expected);
            assertThat(expected).isCloseTo(0.5, within(1e-3));
        }
    }

    @Test
    void restoresASnapshotOfTheFirstFormatIntoTheSameState() throws IOException {
        // Written by format 1 after goldenValue and goldenScore 0 to 332 with these settings.
        continuesAsIfFedAgain("/likelihood-v1.bin");
    }

    @Test
    void restoresASnapshotOfTheSecondFormatIntoTheSameState() throws IOException {
        // Written by format 2, every value coded, after the same samples as format 1's.
        continuesAsIfFedAgain("/likelihood-v2.bin");
    }

    private void continuesAsIfFedAgain(String resource) throws IOException {
        Settings settings = new Settings(50, 30, 200, 20, 10);
        AnomalyLikelihood restored;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            restored = AnomalyLikelihood.readFrom(new DataInputStream(in));
        }
        AnomalyLikelihood fedAgain = new AnomalyLikelihood(settings);
        for (int i = 0; i < 333; i++) {
            fedAgain.anomalyProbability(goldenValue(i), goldenScore(i));
        }

        // The same history: every re-estimation from here on gives the same likelihoods.
        assertThat(restored.historySize()).isEqualTo(200);
        double[] expected = new double[467];
        double[] actual = new double[467];
        for (int i = 0; i < 467; i++) {
            expected[i] = fedAgain.anomalyProbability(goldenValue(333 + i), goldenScore(333 + i));
            actual[i] = restored.anomalyProbability(goldenValue(333 + i), goldenScore(333 + i));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(restored.valuesKept()).isEqualTo(fedAgain.valuesKept());
    }

    private static double goldenValue(int i) {
        return Math.round(1000 * (20 + 5 * StrictMath.sin(i * 0.1))) / 1000.0;
    }

    private static double goldenScore(int i) {
        return ((i * 37) % 41) / 40.0;
    }

    @Test
    void continuesBitIdenticallyAfterASnapshotRoundTrip() throws IOException {
        Settings settings = new Settings(20, 10, 200, 7, 5);
        for (int snapshotAt : new int[] {15, 31, 250, 600}) {
            AnomalyLikelihood original = new AnomalyLikelihood(settings);
            Random random = new Random(5);
            feed(original, random, snapshotAt);
            byte[] bytes = snapshot(original);
            AnomalyLikelihood restored = restore(bytes);
            assertThat(snapshot(restored)).isEqualTo(bytes);

            long seed = random.nextLong();
            double[] expected = feed(original, new Random(seed), 500);
            double[] actual = feed(restored, new Random(seed), 500);

            assertThat(actual).isEqualTo(expected);
            assertThat(snapshot(restored)).isEqualTo(snapshot(original));
        }
    }

    @Test
    void givesTheSameResultsForTheSameInput() {
        double[] first = feed(new AnomalyLikelihood(Settings.defaults()), new Random(6), 1500);
        double[] second = feed(new AnomalyLikelihood(Settings.defaults()), new Random(6), 1500);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void hasNuPicsDefaultSettings() {
        Settings defaults = Settings.defaults();

        assertThat(defaults).isEqualTo(new Settings(288, 100, 8640, 100, 10));
        assertThat(defaults.probationaryPeriod()).isEqualTo(388);
    }

    @Test
    void rejectsSettingsWithoutEstimationSamples() {
        assertThatThrownBy(() -> new Settings(288, 0, 8640, 100, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("estimationSamples must be at least 1, got 0");
    }

    @Test
    void rejectsAWindowSmallerThanTheEstimationSamples() {
        assertThatThrownBy(() -> new Settings(288, 100, 99, 100, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("historicWindowSize must be at least estimationSamples (100), got 99");
    }

    @Test
    void rejectsANegativeLearningPeriod() {
        assertThatThrownBy(() -> new Settings(-1, 100, 8640, 100, 10))
                .hasMessage("learningPeriod must be at least 0, got -1");
    }

    @Test
    void rejectsANonFiniteScore() {
        AnomalyLikelihood likelihood = new AnomalyLikelihood(Settings.defaults());

        assertThatThrownBy(() -> likelihood.anomalyProbability(1.0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsASnapshotOfAnUnknownVersion() throws IOException {
        byte[] bytes = snapshot(new AnomalyLikelihood(Settings.defaults()));
        bytes[3] = 99;

        assertThatThrownBy(() -> restore(bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    private static double[] feed(AnomalyLikelihood likelihood, Random random, int samples) {
        double[] results = new double[samples];
        for (int i = 0; i < samples; i++) {
            double score = random.nextInt(40) == 0 ? 1.0 : 0.1 * random.nextDouble();
            results[i] = likelihood.anomalyProbability(random.nextGaussian(), score);
        }
        return results;
    }

    private static byte[] snapshot(AnomalyLikelihood likelihood) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        likelihood.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static AnomalyLikelihood restore(byte[] bytes) throws IOException {
        return AnomalyLikelihood.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
