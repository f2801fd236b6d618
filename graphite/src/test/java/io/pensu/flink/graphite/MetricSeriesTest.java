package io.pensu.flink.graphite;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricSeriesTest {

    static TimeSeries series(long[] timestamps, double... values) {
        return new TimeSeries(timestamps, values);
    }

    static final MetricSeries CPU =
            new MetricSeries(
                    "web.cpu",
                    Map.of(
                            SeriesKind.VALUE, series(new long[] {10, 20, 30}, 5, 50, 6),
                            SeriesKind.PREDICTION, series(new long[] {30, 40}, 4, 70),
                            SeriesKind.ANOMALY_LIKELIHOOD,
                                    series(new long[] {10, 20, 30}, 0.5, 0.999995, 0.99999),
                            SeriesKind.ANOMALY_DIRECTION,
                                    series(new long[] {10, 20, 30}, 0, 1, -1)));

    @Test
    void marksTheSamplesWithADirectionAsAnomalies() {
        assertThat(CPU.anomalies()).isEqualTo(series(new long[] {20, 30}, 1, -1));
    }

    @Test
    void findsLikelihoodsThatReachTheThreshold() {
        assertThat(CPU.likelihoodAtLeast(0.99999)).containsExactly(20, 30);
    }

    @Test
    void spansTimeAndValuesOverAllSeries() {
        assertThat(CPU.timeRange()).containsExactly(10, 40);
        assertThat(CPU.valueRange()).containsExactly(4, 70);
    }

    @Test
    void keepsEverySeriesFromTheLatestValuesOn() {
        MetricSeries latest = CPU.latest(2);

        assertThat(latest.get(SeriesKind.VALUE)).isEqualTo(series(new long[] {20, 30}, 50, 6));
        assertThat(latest.get(SeriesKind.PREDICTION)).isEqualTo(CPU.get(SeriesKind.PREDICTION));
        assertThat(latest.anomalies()).isEqualTo(CPU.anomalies());
        assertThat(latest.timeRange()).containsExactly(20, 40);
        assertThat(CPU.latest(3)).isSameAs(CPU);
    }

    @Test
    void treatsMissingSeriesAsEmpty() {
        MetricSeries none = new MetricSeries("a.b", Map.of());

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.get(SeriesKind.PREDICTION).isEmpty()).isTrue();
        assertThat(none.anomalies().isEmpty()).isTrue();
    }

    @Test
    void namesSeriesAsTheJobDoes() {
        assertThat(SeriesKind.ANOMALY_SCORE.seriesName(SeriesKind.DEFAULT_TEMPLATE, "e2e.web.cpu"))
                .isEqualTo("pensu.anomaly_score.metrics_analyzer.e2e.web.cpu");
        assertThat(SeriesKind.VALUE.seriesName(SeriesKind.DEFAULT_TEMPLATE, "e2e.web.cpu"))
                .isEqualTo("e2e.web.cpu");
    }
}
