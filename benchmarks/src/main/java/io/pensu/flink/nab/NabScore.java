package io.pensu.flink.nab;

import java.util.Map;

/**
 * A detector's NAB result under one profile.
 *
 * @param threshold the corpus-wide threshold that scored best (1.1: detect nothing)
 * @param corpus the whole corpus at that threshold
 * @param categories each category at the same threshold, by category name
 */
public record NabScore(
        NabProfile profile, double threshold, ScoreSum corpus, Map<String, ScoreSum> categories) {

    /**
     * A sum of file scores and what it normalises to.
     *
     * @param raw sum of the files' scores
     * @param windows how many labelled windows the files have
     * @param profile its weights
     */
    public record ScoreSum(double raw, int windows, NabProfile profile) {

        /**
         * 100 (raw - null) / (perfect - null), where a perfect detector gets A_TP per window and
         * the null detector -A_FN per window; NaN without windows, where only false positives
         * count.
         */
        public double normalized() {
            double perfect = windows * profile.truePositiveWeight();
            double none = -windows * profile.falseNegativeWeight();
            return windows == 0 ? Double.NaN : 100.0 * (raw - none) / (perfect - none);
        }
    }
}
