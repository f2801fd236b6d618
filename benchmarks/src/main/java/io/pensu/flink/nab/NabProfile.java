package io.pensu.flink.nab;

/**
 * NAB's application profiles: the weight of a true positive, of a false positive and of a missed
 * window.
 */
public enum NabProfile {
    STANDARD("standard", 1.0, 0.11, 1.0),
    REWARD_LOW_FP_RATE("reward_low_FP_rate", 1.0, 0.22, 1.0),
    REWARD_LOW_FN_RATE("reward_low_FN_rate", 1.0, 0.11, 2.0);

    private final String nabName;
    private final double truePositiveWeight;
    private final double falsePositiveWeight;
    private final double falseNegativeWeight;

    NabProfile(
            String nabName,
            double truePositiveWeight,
            double falsePositiveWeight,
            double falseNegativeWeight) {
        this.nabName = nabName;
        this.truePositiveWeight = truePositiveWeight;
        this.falsePositiveWeight = falsePositiveWeight;
        this.falseNegativeWeight = falseNegativeWeight;
    }

    /** The profile's name in NAB's result files, e.g. {@code reward_low_FP_rate}. */
    public String nabName() {
        return nabName;
    }

    public double truePositiveWeight() {
        return truePositiveWeight;
    }

    public double falsePositiveWeight() {
        return falsePositiveWeight;
    }

    public double falseNegativeWeight() {
        return falseNegativeWeight;
    }
}
