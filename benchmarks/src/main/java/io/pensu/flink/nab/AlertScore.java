package io.pensu.flink.nab;

/** Which transform of the job's anomaly likelihood goes into NAB's {@code anomaly_score}. */
public enum AlertScore {
    /** The likelihood as the job writes it and alerts on. */
    LIKELIHOOD {
        @Override
        public double of(double likelihood) {
            return likelihood;
        }
    },
    /**
     * NAB's HTM detectors' {@code computeLogLikelihood}: spreads the likelihoods near 1 over [0,
     * 1]. Monotonic, so it changes NAB's result only where two likelihoods differ by less than a
     * double's resolution after the transform.
     */
    LOG_LIKELIHOOD {
        @Override
        public double of(double likelihood) {
            return Math.log(1.0000000001 - likelihood) / Math.log(1.0 - 0.9999999999);
        }
    };

    public abstract double of(double likelihood);
}
