package io.pensu.flink.nab;

/**
 * How far one series' forecasts were from what came: over every sample with a forecast and a sample
 * {@code steps} later, the mean absolute error and the root mean square error, both as a fraction
 * of the series' range, and the mean absolute percentage error (over actual values other than 0).
 *
 * @param pairs forecasts compared
 * @param maeOfRange mean absolute error / (max - min of the series)
 * @param rmseOfRange root mean square error / (max - min of the series)
 * @param mape mean of |error| / |actual|
 */
public record PredictionError(int pairs, double maeOfRange, double rmseOfRange, double mape) {

    /**
     * @param values the series, one value per row
     * @param forecasts per row, the value forecast for the accepted row {@code steps} later; NaN
     *     for none
     * @param rejected rows the detector rejected: they are not samples, so not counted as steps
     */
    public static PredictionError of(
            double[] values, double[] forecasts, boolean[] rejected, int steps) {
        int[] accepted = new int[values.length];
        int acceptedCount = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < values.length; row++) {
            min = Math.min(min, values[row]);
            max = Math.max(max, values[row]);
            if (!rejected[row]) {
                accepted[acceptedCount++] = row;
            }
        }
        int pairs = 0;
        double absolute = 0;
        double squared = 0;
        int percentagePairs = 0;
        double percentage = 0;
        for (int k = 0; k + steps < acceptedCount; k++) {
            double forecast = forecasts[accepted[k]];
            if (Double.isNaN(forecast)) {
                continue;
            }
            double actual = values[accepted[k + steps]];
            double error = Math.abs(forecast - actual);
            pairs++;
            absolute += error;
            squared += error * error;
            if (actual != 0) {
                percentagePairs++;
                percentage += error / Math.abs(actual);
            }
        }
        double range = max - min;
        return new PredictionError(
                pairs,
                absolute / pairs / range,
                Math.sqrt(squared / pairs) / range,
                percentage / percentagePairs);
    }

    /**
     * The naive forecast for the same rows as {@code forecasts}: the value seen last, i.e. the
     * value of the row the forecast is made at.
     */
    public static double[] lastValueAt(double[] values, double[] forecasts) {
        double[] naive = new double[values.length];
        for (int row = 0; row < values.length; row++) {
            naive[row] = Double.isNaN(forecasts[row]) ? Double.NaN : values[row];
        }
        return naive;
    }
}
