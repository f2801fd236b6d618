package io.pensu.flink.input;

import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.streaming.api.operators.StreamFilter;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AllowedMetricsTest {

    private final CapturedMetrics metrics = new CapturedMetrics();

    @Test
    void matchesAtTheStartOfTheNameOnlyLikePythonReMatch() throws Exception {
        List<String> kept =
                filter(
                        "webservers\\.",
                        "webservers.main.cpu",
                        "db.webservers.cpu",
                        "webservers.x",
                        "webserversXcpu");

        assertThat(kept).containsExactly("webservers.main.cpu", "webservers.x");
    }

    @Test
    void needsNoMatchUpToTheEndOfTheName() throws Exception {
        assertThat(filter("a\\.b", "a.b.c.d")).containsExactly("a.b.c.d");
    }

    @Test
    void keepsEverythingWithTheDefaultPattern() throws Exception {
        assertThat(filter(".*", "a.b", "x.y")).containsExactly("a.b", "x.y");
    }

    @Test
    void countsTheSamplesItDrops() throws Exception {
        filter("keep\\.", "keep.a", "drop.b", "drop.c");

        assertThat(metrics.count("samplesNotAllowed")).isEqualTo(2);
    }

    @Test
    void refusesAnInvalidRegexWithAClearMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AllowedMetrics.matching("webservers.(cpu"))
                .withMessageStartingWith(
                        "PENSU_ALLOWED_TO_WORK_ON_METRICS is not a valid regular expression:")
                .withMessageContaining("webservers.(cpu");
    }

    private List<String> filter(String regex, String... metricNames) throws Exception {
        OneInputStreamOperatorTestHarness<Sample, Sample> harness =
                new OneInputStreamOperatorTestHarness<>(
                        // Flink ships functions to the task managers serialized; test the copy.
                        new StreamFilter<>(InstantiationUtil.clone(AllowedMetrics.matching(regex))),
                        metrics.environment());
        try {
            harness.open();
            for (String name : metricNames) {
                harness.processElement(new Sample(name, 0L, 1.0, name, "metrics", 0, 0L), 0L);
            }
            return harness.extractOutputValues().stream().map(Sample::metric).toList();
        } finally {
            harness.close();
        }
    }
}
