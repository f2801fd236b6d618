package io.pensu.flink.model;

/**
 * The network parameters of one metric's two roles: anomaly detection and prediction.
 *
 * @param anomaly parameters of the network whose anomaly score and likelihood are reported
 * @param prediction parameters of the network whose classifier predicts future values
 */
public record ModelParameters(NetworkParameters anomaly, NetworkParameters prediction) {

    public static ModelParameters defaults() {
        NetworkParameters defaults = NetworkParameters.defaults();
        return new ModelParameters(defaults, defaults);
    }

    /**
     * True when both roles have the same parameters, so that one network can serve both: it would
     * compute exactly the same thing twice.
     */
    public boolean shared() {
        return anomaly.equals(prediction);
    }
}
