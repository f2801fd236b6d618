package io.pensu.flink.nab;

import io.pensu.flink.nab.InjectedAnomalies.Injected;
import io.pensu.flink.nab.InjectedAnomalies.Injection;
import io.pensu.flink.nab.InjectedAnomalies.Kind;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InjectedAnomaliesTest {

    private static final String NAME = "realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv";
    private static final NabCorpus CORPUS = NabCorpus.read(Path.of("nab"), List.of(NAME));
    private static final NabDataFile FILE = CORPUS.files().get(NAME);
    private static final List<AnomalyWindow> ORIGINAL = CORPUS.windows().get(NAME);

    @Test
    void theSameSeedGivesTheSameSeries() {
        Injected once = InjectedAnomalies.inject(FILE, ORIGINAL, 7);
        Injected again = InjectedAnomalies.inject(FILE, ORIGINAL, 7);
        Injected other = InjectedAnomalies.inject(FILE, ORIGINAL, 8);

        assertThat(again.file().values()).containsExactly(once.file().values());
        assertThat(again.injections()).isEqualTo(once.injections());
        assertThat(other.injections()).isNotEqualTo(once.injections());
    }

    /**
     * An in-range spike or dip is clamped to the series' max or min, so one at a value already
     * there changes nothing (a dip in a CPU series resting at its floor).
     */
    @Test
    void injectsOneOfEachKindAndChangesNothingElse() {
        Injected injected = InjectedAnomalies.inject(FILE, ORIGINAL, SyntheticCorpus.SEED);
        double[] before = FILE.values();
        double[] after = injected.file().values();
        double min = Arrays.stream(before).min().orElseThrow();
        double max = Arrays.stream(before).max().orElseThrow();

        assertThat(injected.injections())
                .extracting(Injection::kind)
                .containsExactly(Kind.values());
        boolean[] changed = new boolean[before.length];
        for (Injection injection : injected.injections()) {
            assertThat(injection.length()).isBetween(1, InjectedAnomalies.MAX_LENGTH);
            for (int row = injection.first(); row < injection.first() + injection.length(); row++) {
                changed[row] = true;
                switch (injection.kind()) {
                    case SPIKE_IN_RANGE ->
                            assertThat(after[row])
                                    .isGreaterThanOrEqualTo(before[row])
                                    .isLessThanOrEqualTo(max);
                    case DIP_IN_RANGE ->
                            assertThat(after[row])
                                    .isLessThanOrEqualTo(before[row])
                                    .isGreaterThanOrEqualTo(min);
                    case SPIKE_OUT_OF_RANGE ->
                            assertThat(after[row]).isEqualTo(max + injection.magnitude() / 2);
                    case DIP_OUT_OF_RANGE ->
                            assertThat(after[row]).isEqualTo(min - injection.magnitude() / 2);
                }
            }
        }
        for (int row = 0; row < before.length; row++) {
            if (!changed[row]) {
                assertThat(after[row]).isEqualTo(before[row]);
            }
        }
    }

    @Test
    void labelsEachInjectionWithAWindowOfItsOwnAfterTheProbation() {
        Injected injected = InjectedAnomalies.inject(FILE, ORIGINAL, SyntheticCorpus.SEED);
        List<AnomalyWindow> windows = injected.windows();

        assertThat(windows).hasSize(ORIGINAL.size() + Kind.values().length).containsAll(ORIGINAL);
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i).first()).isGreaterThan(windows.get(i - 1).last());
        }
        int length = FILE.rows() / 10 / windows.size();
        for (Injection injection : injected.injections()) {
            assertThat(injection.first()).isGreaterThan(RowWeights.probationLength(FILE.rows()));
            assertThat(windows)
                    .filteredOn(
                            w -> w.first() <= injection.first() && injection.first() <= w.last())
                    .singleElement()
                    .satisfies(w -> assertThat(w.length()).isEqualTo(length))
                    .isNotIn(ORIGINAL);
        }
    }

    /** The held-out corpus: injected anomalies are the only labels, the original ones ignored. */
    @Test
    void injectsInsteadOfTheOriginalLabelsAroundThem() {
        String name = "realKnownCause/nyc_taxi.csv";
        NabCorpus corpus = NabCorpus.read(Path.of("nab"), List.of(name));
        NabDataFile file = corpus.files().get(name);
        List<AnomalyWindow> original = corpus.windows().get(name);

        Injected injected =
                InjectedAnomalies.injectInstead(file, original, SyntheticCorpus.HELD_OUT_SEED);

        assertThat(original).isNotEmpty();
        assertThat(injected.ignored()).isEqualTo(original);
        assertThat(injected.windows()).hasSize(Kind.values().length);
        int length = file.rows() / 10 / Kind.values().length;
        for (AnomalyWindow window : injected.windows()) {
            assertThat(window.length()).isEqualTo(length);
            assertThat(original)
                    .noneMatch(o -> o.first() <= window.last() && window.first() <= o.last());
        }
        assertThat(injected.injections())
                .allSatisfy(
                        i ->
                                assertThat(injected.windows())
                                        .anyMatch(
                                                w ->
                                                        w.first() <= i.first()
                                                                && i.first() <= w.last()));
    }

    @Test
    void sizesAnomaliesByTheSpreadBetweenThe5thAnd95thPercentiles() {
        double[] sorted = new double[100];
        Arrays.setAll(sorted, i -> i);
        sorted[99] = 1e9;

        assertThat(InjectedAnomalies.robustSpread(sorted)).isEqualTo(94 - 4);
        assertThat(InjectedAnomalies.robustSpread(new double[] {3, 3, 3})).isEqualTo(1);
    }
}
