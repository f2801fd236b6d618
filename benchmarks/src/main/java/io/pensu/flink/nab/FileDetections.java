package io.pensu.flink.nab;

/**
 * The detector's outcome for every row of one file.
 *
 * @param likelihoods per row, the anomaly likelihood (unused where rejected)
 * @param predictions per row, the value predicted PENSU_PREDICTION_STEPS samples ahead; NaN where
 *     none was made or the row was rejected
 * @param rejected per row, whether the detector rejected it (a timestamp not after the last one)
 */
public record FileDetections(double[] likelihoods, double[] predictions, boolean[] rejected) {

    /**
     * NAB's {@code anomaly_score} per row. A rejected row scores 0: the job gives it no output at
     * all, only a dead letter, so it can never raise an alert there.
     */
    public double[] scores(AlertScore alertScore) {
        double[] scores = new double[likelihoods.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = rejected[i] ? 0.0 : alertScore.of(likelihoods[i]);
        }
        return scores;
    }
}
