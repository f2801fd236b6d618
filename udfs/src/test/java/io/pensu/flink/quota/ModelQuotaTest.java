package io.pensu.flink.quota;

import io.pensu.flink.input.Sample;
import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pensu.flink.detect.DetectorTestBase.sample;
import static org.assertj.core.api.Assertions.assertThat;

class ModelQuotaTest {

    private final CapturedMetrics metrics = new CapturedMetrics();

    private OneInputStreamOperatorTestHarness<Sample, Sample> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new ModelQuota(2, 300_000L)), metrics.environment());
    }

    private static void feed(OneInputStreamOperatorTestHarness<Sample, Sample> h, String... metrics)
            throws Exception {
        for (String metric : metrics) {
            h.processElement(new StreamRecord<>(sample(metric, 0)));
        }
    }

    private static List<String> passed(OneInputStreamOperatorTestHarness<Sample, Sample> h) {
        return h.extractOutputValues().stream().map(Sample::metric).toList();
    }

    @Test
    void admitsTheFirstMetricsUpToTheQuotaAndKeepsServingThem() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, "a.one", "a.two", "a.three", "a.one", "a.three", "a.two");
            assertThat(passed(h)).containsExactly("a.one", "a.two", "a.one", "a.two");
            assertThat(metrics.count("samplesOverQuota")).isEqualTo(2);
        }
    }

    @Test
    void theAdmittedMetricsSurviveARestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            feed(h, "a.one", "a.two");
            state = h.snapshot(1L, 1L);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            feed(h, "a.three", "a.two", "a.one");
            assertThat(passed(h)).containsExactly("a.two", "a.one");
        }
    }
}
