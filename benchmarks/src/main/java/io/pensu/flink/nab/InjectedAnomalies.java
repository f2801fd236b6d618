package io.pensu.flink.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Short synthetic anomalies injected into a NAB series, for a check of generalisation that no
 * detector was tuned on. The rule, fixed before any detector ran on its output:
 *
 * <ul>
 *   <li>The series' robust spread {@code s} is the distance between its 5th and 95th percentiles
 *       (its full range if that is 0, and 1 if the series is constant).
 *   <li>Each series gets one anomaly of each {@link Kind}, in that order, each 1 to 4 samples long,
 *       of magnitude {@code m s} with {@code m} uniform in [1, 2): an in-range spike (or dip) adds
 *       (subtracts) {@code m s} to each value but stays within the series' min and max; an
 *       out-of-range spike (dip) sets the values to {@code m s / 2} above the max (below the min).
 *       As {@code m s} is at least the robust spread, an in-range spike or dip mostly takes the
 *       series to its max or min; one drawn where the series already is there changes little or
 *       nothing, and its window counts as missed for every detector alike.
 *   <li>Each anomaly gets a labelled window by NAB's rule, 10 % of the series' rows shared by all
 *       its windows (the original ones and the injected ones), centred on its first sample. Its
 *       position is drawn uniformly after NAB's probation such that the window overlaps no other
 *       window and fits in the series; an anomaly that finds no room in 1000 draws is left out.
 *   <li>Lengths, magnitudes and positions are drawn from a generator seeded by the seed and the
 *       file's name, so the corpus is the same on every run.
 * </ul>
 *
 * <p>{@link #injectInstead} makes a series whose only labels are the injected anomalies: its
 * original windows become ignored windows (scored neither way, {@link NabCorpus#ignored}), no
 * injected window overlaps them, and the injected windows alone share the 10 % of the rows.
 */
final class InjectedAnomalies {

    enum Kind {
        SPIKE_IN_RANGE,
        DIP_IN_RANGE,
        SPIKE_OUT_OF_RANGE,
        DIP_OUT_OF_RANGE
    }

    /**
     * One injected anomaly.
     *
     * @param first its first row
     * @param length how many rows it changes
     * @param magnitude {@code m s}, in the series' unit
     */
    record Injection(Kind kind, int first, int length, double magnitude) {}

    /**
     * The series with its anomalies.
     *
     * @param file the series with the injected values
     * @param windows the labelled windows, in row order: one per injection, and the original ones
     *     unless they are {@code ignored}
     * @param ignored the original windows when they are not labels, else none
     * @param injections what was injected, in {@link Kind} order
     */
    record Injected(
            NabDataFile file,
            List<AnomalyWindow> windows,
            List<AnomalyWindow> ignored,
            List<Injection> injections) {}

    static final int MAX_LENGTH = 4;
    private static final int DRAWS = 1000;
    private static final double WINDOW_SHARE = 0.10;

    private InjectedAnomalies() {}

    /** The series with its anomalies, its original windows still labelled. */
    static Injected inject(NabDataFile file, List<AnomalyWindow> original, long seed) {
        return inject(file, original, true, seed);
    }

    /** The series with its anomalies as its only labels, its original windows ignored. */
    static Injected injectInstead(NabDataFile file, List<AnomalyWindow> original, long seed) {
        return inject(file, original, false, seed);
    }

    private static Injected inject(
            NabDataFile file, List<AnomalyWindow> original, boolean keepLabels, long seed) {
        SplittableRandom random = new SplittableRandom(seed + file.name().hashCode());
        double[] values = file.values().clone();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        double spread = robustSpread(sorted);
        int rows = file.rows();
        int labels = (keepLabels ? original.size() : 0) + Kind.values().length;
        int windowLength = (int) (WINDOW_SHARE * rows / labels);
        List<AnomalyWindow> windows = new ArrayList<>(original);
        List<Injection> injections = new ArrayList<>();
        int probation = RowWeights.probationLength(rows);
        for (Kind kind : Kind.values()) {
            int length = 1 + random.nextInt(MAX_LENGTH);
            double magnitude = (1 + random.nextDouble()) * spread;
            for (int draw = 0; draw < DRAWS; draw++) {
                int first = probation + random.nextInt(rows - probation - MAX_LENGTH);
                AnomalyWindow window =
                        new AnomalyWindow(
                                first - windowLength / 2,
                                first - windowLength / 2 + windowLength - 1);
                if (window.first() < probation
                        || window.last() >= rows
                        || windows.stream().anyMatch(w -> overlap(w, window))) {
                    continue;
                }
                for (int row = first; row < first + length; row++) {
                    values[row] = injected(kind, values[row], magnitude, min, max);
                }
                windows.add(window);
                injections.add(new Injection(kind, first, length, magnitude));
                break;
            }
        }
        if (!keepLabels) {
            windows.removeAll(original);
        }
        windows.sort(Comparator.comparingInt(AnomalyWindow::first));
        return new Injected(
                new NabDataFile(file.name(), file.timestamps(), values),
                List.copyOf(windows),
                keepLabels ? List.of() : original,
                List.copyOf(injections));
    }

    static double injected(Kind kind, double value, double magnitude, double min, double max) {
        return switch (kind) {
            case SPIKE_IN_RANGE -> Math.min(value + magnitude, max);
            case DIP_IN_RANGE -> Math.max(value - magnitude, min);
            case SPIKE_OUT_OF_RANGE -> max + magnitude / 2;
            case DIP_OUT_OF_RANGE -> min - magnitude / 2;
        };
    }

    /** The distance between the 5th and 95th percentiles of {@code sorted} (nearest rank). */
    static double robustSpread(double[] sorted) {
        int n = sorted.length;
        double spread =
                sorted[(int) Math.ceil(0.95 * n) - 1] - sorted[(int) Math.ceil(0.05 * n) - 1];
        if (spread > 0) {
            return spread;
        }
        double range = sorted[n - 1] - sorted[0];
        return range > 0 ? range : 1;
    }

    private static boolean overlap(AnomalyWindow a, AnomalyWindow b) {
        return a.first() <= b.last() && b.first() <= a.last();
    }
}
