package io.pensu.flink.classifier;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MultiStepClassifierTest {
    private static final int INPUT_WIDTH = 2048;
    private static final int FIXTURE_INPUT_WIDTH = 256;
    private static final int FIXTURE_SAMPLES = 1500;
    private static final int FIXTURE_SNAPSHOT_AFTER = 1000;

    @Test
    void predictsNothingBeforeItHasSeenABucket() {
        MultiStepClassifier classifier = newClassifier(1, 3);

        assertThat(classifier.compute(bitsOf(0), 0, 5.0)).isEmpty();
        assertThat(classifier.compute(bitsOf(1), 1, 15.0)).hasSize(2);
    }

    @Test
    void learnsARepeatingSequenceOneAndThreeStepsAhead() {
        MultiStepClassifier classifier = newClassifier(1, 3);
        for (int i = 0; i < 200; i++) {
            classifier.compute(bitsOf(i % 4), slotBucket(i % 4), valueOf(i % 4));
        }

        for (int bucket = 0; bucket < 4; bucket++) {
            List<StepPrediction> predictions =
                    classifier.compute(bitsOf(bucket), slotBucket(bucket), valueOf(bucket));

            assertThat(predictions).hasSize(2);
            StepPrediction oneAhead = predictions.get(0);
            StepPrediction threeAhead = predictions.get(1);
            assertThat(oneAhead.steps()).isEqualTo(1);
            assertThat(oneAhead.value()).isEqualTo(valueOf((bucket + 1) % 4));
            assertThat(oneAhead.confidence()).isGreaterThan(0.9);
            assertThat(threeAhead.steps()).isEqualTo(3);
            assertThat(threeAhead.value()).isEqualTo(valueOf((bucket + 3) % 4));
            assertThat(threeAhead.confidence()).isGreaterThan(0.9);
        }
    }

    @Test
    void predictsTheLowerOfTwoEquallyLikelySlots() {
        MultiStepClassifier classifier = newClassifier(3);
        classifier.compute(bitsOf(0), 400, 4000.0);
        classifier.compute(bitsOf(1), 7, 70.0);

        // Nothing learned yet for 3 steps ahead: the slots of 7 and 400 are equally likely, and
        // the lower one is where their probabilities reach one half.
        List<StepPrediction> predictions = classifier.compute(bitsOf(2), 9, 90.0);

        assertThat(predictions).containsExactly(new StepPrediction(3, 70.0, 0.5));
    }

    @Test
    void predictsTheMedianSlotRatherThanTheMostLikelyOne() {
        MultiStepClassifier classifier = newClassifier(1);
        // After bit 2000 the next value is low 3 times in 10, middle 3 and high 4: the most likely
        // slot is the high one, the median the middle one. One active bit learns slowly enough
        // for the probabilities to settle near those shares.
        int[] next = {2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
        for (int i = 0; i < 4000; i++) {
            int slot = next[(i / 2) % next.length];
            int[] bits = i % 2 == 0 ? new int[] {2000} : new int[] {slot};
            classifier.compute(bits, slotBucket(slot), valueOf(slot));
        }

        StepPrediction prediction = classifier.compute(new int[] {2000}, 0, 0.0).get(0);

        assertThat(prediction.value()).isEqualTo(valueOf(1));
        assertThat(prediction.confidence()).isBetween(0.2, 0.4);
    }

    @Test
    void sharesASlotAmongNeighbouringBuckets() {
        MultiStepClassifier classifier = newClassifier(1);
        classifier.compute(bitsOf(0), 8, 10.0);
        classifier.compute(bitsOf(0), 11, 20.0);

        // Buckets 8 to 11 are one slot, whose value is the moving average of both.
        assertThat(classifier.compute(bitsOf(0), 0, 0.0))
                .containsExactly(new StepPrediction(1, 13.0, 1.0));
    }

    @Test
    void replacesTheSlotSeenLeastRecentlyWhenAllAreTaken() {
        MultiStepClassifier classifier =
                new MultiStepClassifier(
                        new int[] {1}, 0.1, 0.3, INPUT_WIDTH, new ClassifierShape(2, 1, 2048));
        classifier.compute(bitsOf(0), 1, 10.0);
        classifier.compute(bitsOf(1), 2, 20.0);
        classifier.compute(bitsOf(2), 1, 10.0);
        classifier.compute(bitsOf(3), 3, 30.0);

        // Bucket 2, the one bitsOf(0) was followed by, was seen longest ago and has given its slot
        // to bucket 3; bucket 1's weights for bitsOf(0) were lowered when 2 came after it.
        StepPrediction prediction = classifier.compute(bitsOf(0), 1, 10.0).get(0);

        assertThat(prediction.value()).isEqualTo(30.0);
        assertThat(prediction.confidence()).isCloseTo(1 / (1 + Math.exp(-2.0)), within(1e-6));
    }

    @Test
    void foldsTheInputOntoTheBitsOfItsShape() {
        // 517 and 1029 are 5 modulo 512, so this is the same pattern, and no bit is repeated.
        assertThat(trainedOnTwoSlots().compute(new int[] {517, 1029, 1542}, 0, 0.0))
                .isEqualTo(trainedOnTwoSlots().compute(new int[] {5, 6}, 0, 0.0));
    }

    private static MultiStepClassifier trainedOnTwoSlots() {
        MultiStepClassifier classifier = newClassifier(1);
        for (int i = 0; i < 50; i++) {
            classifier.compute(new int[] {5 + i % 2}, slotBucket(i % 2), valueOf(i % 2));
        }
        return classifier;
    }

    @Test
    void allocatesWeightsOnlyForTheBucketsSeenAndTheInputBitsLearned() throws IOException {
        MultiStepClassifier classifier = newClassifier(1, 5);
        classifier.compute(bitsOf(0), 0, 0.0);
        int withOneBucket = snapshot(classifier).length;
        classifier.compute(bitsOf(1), 400, 1.0);
        int withTwoBuckets = snapshot(classifier).length;

        // A slot entry (index, value, last seen); one step ahead has now learned the 40 bits of the
        // first pattern, each written as a short, with a bit and a weight in both rows, five steps
        // ahead nothing yet; the second pattern in the history adds its length and bits. The 80
        // weights take their low 20 bits each and a code of their few distinct high bits.
        int patternBytes = 4 + 4 * bitsOf(1).length;
        int weightBytes =
                withTwoBuckets
                        - withOneBucket
                        - (4 + 8 + 8 + 40 * 2 + (40 * 2 + 7) / 8 + patternBytes);
        assertThat(weightBytes).isBetween(80 * 20 / 8, 80 * 4);
    }

    @Test
    void needsNoMoreWeightsForBitsAndBucketsItHasLearnedBefore() throws IOException {
        MultiStepClassifier classifier = newClassifier(1, 5);
        for (int i = 0; i < 20; i++) {
            classifier.compute(bitsOf(i % 2), i % 2, i % 2);
        }
        int learned = snapshot(classifier).length;

        for (int i = 0; i < 100; i++) {
            classifier.compute(bitsOf(i % 2), i % 2, i % 2);
        }

        assertThat(snapshot(classifier)).hasSize(learned);
    }

    @Test
    void continuesBitIdenticallyAfterASnapshotRoundTrip() throws IOException {
        MultiStepClassifier original = newClassifier(1, 5);
        feedNoisySequence(original, new Random(7), 300);
        byte[] bytes = snapshot(original);
        MultiStepClassifier restored = restore(bytes);
        assertThat(snapshot(restored)).isEqualTo(bytes);

        List<List<StepPrediction>> expected = feedNoisySequence(original, new Random(8), 300);
        List<List<StepPrediction>> actual = feedNoisySequence(restored, new Random(8), 300);

        assertThat(actual).isEqualTo(expected);
        assertThat(snapshot(restored)).isEqualTo(snapshot(original));
    }

    @Test
    void givesTheSameResultsForTheSameInput() {
        List<List<StepPrediction>> first =
                feedNoisySequence(newClassifier(1, 5), new Random(9), 400);
        List<List<StepPrediction>> second =
                feedNoisySequence(newClassifier(1, 5), new Random(9), 400);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void rejectsAnActiveBitOutsideTheInput() {
        MultiStepClassifier classifier = newClassifier(1);

        assertThatThrownBy(() -> classifier.compute(new int[] {3, INPUT_WIDTH}, 0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Active bit 2048 outside the input width 2048");
    }

    @Test
    void rejectsARepeatedActiveBit() {
        MultiStepClassifier classifier = newClassifier(1);

        assertThatThrownBy(() -> classifier.compute(new int[] {5, 3, 5}, 0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Active bit 5 repeated");
    }

    @Test
    void rejectsANegativeBucketIndex() {
        MultiStepClassifier classifier = newClassifier(1);

        assertThatThrownBy(() -> classifier.compute(bitsOf(0), -1, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAStepOfZeroAndRepeatedSteps() {
        assertThatThrownBy(() -> new MultiStepClassifier(new int[] {0, 1}, 0.1, 0.3, 16))
                .hasMessage("Steps must be at least 1, got [0, 1]");
        assertThatThrownBy(() -> new MultiStepClassifier(new int[] {1, 1}, 0.1, 0.3, 16))
                .hasMessage("Steps must be different, got [1, 1]");
    }

    @Test
    void rejectsASnapshotOfAnUnknownVersion() throws IOException {
        byte[] bytes = snapshot(newClassifier(1));
        bytes[3] = 42;

        assertThatThrownBy(() -> restore(bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 42");
    }

    @Test
    void staysTheSameSizeHoweverLongItLearnsAndWhereverTheValuesWander() throws IOException {
        MultiStepClassifier classifier = newClassifier(1, 5);
        Random random = new Random(13);
        double walk = 1_000;
        int atFiveThousand = 0;
        for (int i = 1; i <= 20_000; i++) {
            // A random walk with jumps over a million buckets, and random patterns over the
            // whole input: every slot and every folded bit gets used and replaced.
            walk =
                    Math.max(
                            0,
                            walk + (random.nextInt(50) == 0 ? 1_000 : 8) * random.nextGaussian());
            int[] bits = random.ints(0, INPUT_WIDTH).distinct().limit(40).toArray();
            classifier.compute(bits, (int) Math.min(walk, 1_000_000), walk);
            if (i == 5_000) {
                atFiveThousand = snapshot(classifier).length;
            }
        }

        // Most weights taken, written with a bit each saying whether they are zero, plus a few KB
        // of learned bits, slots and history, which vary only with the number of distinct bits in
        // the last five patterns.
        ClassifierShape shape = ClassifierShape.DEFAULT;
        int weightCount = 2 * shape.maxSlots() * shape.inputBits();
        int most = weightCount * Float.BYTES + weightCount / Byte.SIZE + 8 * 1024;
        assertThat(atFiveThousand).isBetween(most / 2, most);
        assertThat(snapshot(classifier).length).isBetween(most / 2, most);
    }

    @Test
    void restoresFormats1And2WithTheirHistoryAndLearnsTheSlotsAgain() throws IOException {
        MultiStepClassifier fromVersion1 = restore(resource("/classifier-v1.bin"));
        MultiStepClassifier fromVersion2 = restore(resource("/classifier-v2.bin"));
        assertThat(snapshot(fromVersion2)).isEqualTo(snapshot(fromVersion1));
        List<FixtureSample> samples = fixtureSamples();

        List<List<StepPrediction>> predictions =
                feed(fromVersion1, samples, FIXTURE_SNAPSHOT_AFTER, FIXTURE_SAMPLES);

        assertThat(feed(fromVersion2, samples, FIXTURE_SNAPSHOT_AFTER, FIXTURE_SAMPLES))
                .isEqualTo(predictions);
        assertThat(predictions.get(0)).isEmpty();
        // Five steps ahead learns from the restored history at once: a classifier without it
        // predicts differently.
        assertThat(feed(newFixtureClassifier(), samples, FIXTURE_SNAPSHOT_AFTER, FIXTURE_SAMPLES))
                .isNotEqualTo(predictions);
        long rightSlots =
                IntStream.range(
                                FIXTURE_SAMPLES - FIXTURE_SNAPSHOT_AFTER - 200,
                                FIXTURE_SAMPLES - FIXTURE_SNAPSHOT_AFTER - 1)
                        .filter(
                                i ->
                                        sameSlot(
                                                predictions.get(i + 1).get(0).value(),
                                                samples.get(FIXTURE_SNAPSHOT_AFTER + i + 1)
                                                        .bucket()))
                        .count();
        // One sample in eight jumps to a random bucket; chance would be right about 1 in 8.
        assertThat(rightSlots).isGreaterThan(110);
    }

    @Test
    void restoresFormat3WithItsWeightsAndPredictsAsIfNeverStopped() throws IOException {
        predictsAsIfNeverStoppedAfterRestoring("/classifier-v3.bin");
    }

    @Test
    void restoresFormat4WithItsWeightsAndPredictsAsIfNeverStopped() throws IOException {
        predictsAsIfNeverStoppedAfterRestoring("/classifier-v4.bin");
    }

    private static void predictsAsIfNeverStoppedAfterRestoring(String fixture) throws IOException {
        List<FixtureSample> samples = fixtureSamples();
        MultiStepClassifier neverStopped = newFixtureClassifier();
        feed(neverStopped, samples, 0, FIXTURE_SNAPSHOT_AFTER);

        MultiStepClassifier restored = restore(resource(fixture));

        assertThat(snapshot(restored)).isEqualTo(snapshot(neverStopped));
        assertThat(feed(restored, samples, FIXTURE_SNAPSHOT_AFTER, FIXTURE_SAMPLES))
                .isEqualTo(feed(neverStopped, samples, FIXTURE_SNAPSHOT_AFTER, FIXTURE_SAMPLES));
    }

    @Test
    void makesTheSamePredictionsWhenRestoredFromASnapshotEveryFewHundredSamples()
            throws IOException {
        List<FixtureSample> samples = fixtureSamples();
        MultiStepClassifier classifier = newFixtureClassifier();
        List<List<StepPrediction>> predictions = new ArrayList<>();
        for (int from = 0; from < FIXTURE_SAMPLES; from += 300) {
            predictions.addAll(feed(classifier, samples, from, from + 300));
            classifier = restore(snapshot(classifier));
        }

        assertThat(predictions)
                .isEqualTo(feed(newFixtureClassifier(), samples, 0, FIXTURE_SAMPLES));
    }

    private static MultiStepClassifier newFixtureClassifier() {
        return new MultiStepClassifier(new int[] {1, 5}, 0.1, 0.3, FIXTURE_INPUT_WIDTH);
    }

    private record FixtureSample(int[] bits, int bucket, double value) {}

    private static List<List<StepPrediction>> feed(
            MultiStepClassifier classifier, List<FixtureSample> samples, int from, int to) {
        List<List<StepPrediction>> predictions = new ArrayList<>();
        for (FixtureSample sample : samples.subList(from, to)) {
            predictions.add(classifier.compute(sample.bits(), sample.bucket(), sample.value()));
        }
        return predictions;
    }

    /** Whether a fixture value predicted comes from the slot of the bucket. */
    private static boolean sameSlot(double predicted, int bucket) {
        int slotOfBucket = bucket / ClassifierShape.DEFAULT.bucketsPerSlot();
        int slotOfValue = (int) Math.round(predicted) / ClassifierShape.DEFAULT.bucketsPerSlot();
        return slotOfValue == slotOfBucket;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MultiStepClassifierTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /**
     * A cycle of 20 buckets with jumps to 10 others, 12 bits per bucket below 200 and 3 noise bits
     * from 200 to 239, so that some input bits are never active. classifier-v1.bin is the format 1
     * classifier's snapshot after {@link #FIXTURE_SNAPSHOT_AFTER} of them, classifier-v2.bin the
     * format 2 classifier's rewrite of it, classifier-v3.bin and classifier-v4.bin the format 3 and
     * format 4 classifiers' snapshots after as many.
     */
    private static List<FixtureSample> fixtureSamples() {
        Random random = new Random(11);
        List<FixtureSample> samples = new ArrayList<>();
        for (int i = 0; i < FIXTURE_SAMPLES; i++) {
            int bucket = random.nextInt(8) == 0 ? 20 + random.nextInt(10) : i % 20;
            int[] bits =
                    IntStream.concat(
                                    IntStream.range(0, 12).map(b -> (bucket * 7 + b * 13) % 200),
                                    IntStream.generate(() -> 200 + random.nextInt(40)).limit(3))
                            .distinct()
                            .toArray();
            samples.add(new FixtureSample(bits, bucket, bucket + random.nextGaussian()));
        }
        return samples;
    }

    private static MultiStepClassifier newClassifier(int... steps) {
        return new MultiStepClassifier(steps, 0.1, 0.3, INPUT_WIDTH);
    }

    /** 40 active bits, spread over the input and different for every bucket. */
    private static int[] bitsOf(int bucket) {
        return IntStream.range(0, 40).map(i -> (bucket * 40 + i * 7) % INPUT_WIDTH).toArray();
    }

    /** A bucket of a slot of its own. */
    private static int slotBucket(int slot) {
        return slot * ClassifierShape.DEFAULT.bucketsPerSlot();
    }

    private static double valueOf(int bucket) {
        return 10.0 * bucket + 5;
    }

    /** A cycle of 12 buckets with random extra bits and occasional jumps. */
    private static List<List<StepPrediction>> feedNoisySequence(
            MultiStepClassifier classifier, Random random, int samples) {
        List<List<StepPrediction>> predictions = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            int bucket = random.nextInt(10) == 0 ? random.nextInt(150) : (i % 12) * 3;
            int[] bits =
                    IntStream.concat(
                                    IntStream.of(bitsOf(bucket)),
                                    IntStream.generate(() -> 1500 + random.nextInt(500)).limit(5))
                            .distinct()
                            .toArray();
            double value = bucket + random.nextDouble();
            predictions.add(classifier.compute(bits, bucket, value));
        }
        return predictions;
    }

    private static byte[] snapshot(MultiStepClassifier classifier) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        classifier.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static MultiStepClassifier restore(byte[] bytes) throws IOException {
        return MultiStepClassifier.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
