package io.pensu.flink.graphite;

/**
 * A line of the live page's index: a metric's charted range, how many values, anomalies and
 * likelihoods over the threshold it holds, and its latest value and likelihood (null when none).
 */
record MetricSummary(
        String metric,
        long from,
        long until,
        int values,
        int anomalies,
        int likelihoodsOverThreshold,
        Double latestValue,
        Double latestLikelihood) {

    static MetricSummary of(MetricSeries m, double likelihoodThreshold) {
        long[] range = m.timeRange();
        return new MetricSummary(
                m.metric(),
                range[0],
                range[1],
                m.get(SeriesKind.VALUE).size(),
                m.anomalies().size(),
                m.likelihoodAtLeast(likelihoodThreshold).length,
                latest(m.get(SeriesKind.VALUE)),
                latest(m.get(SeriesKind.ANOMALY_LIKELIHOOD)));
    }

    private static Double latest(TimeSeries series) {
        return series.isEmpty() ? null : series.values()[series.size() - 1];
    }
}
