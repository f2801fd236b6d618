package io.pensu.flink.detect;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.RejectionCounters;
import io.pensu.flink.input.Sample;
import io.pensu.flink.input.SeparateDeadLetters;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a metric whose stored model cannot be read (corrupt bytes, a format or engine this
 * release does not know). Failing instead would fail again at every restore, and stop every metric
 * for the sake of one; so the detector drops that model and learns the metric again, and this tells
 * the user: an ERROR log line, a {@code modelsQuarantined} count and an {@code
 * unreadable_model_state} dead letter, each naming the metric and the error.
 */
final class ModelQuarantine {

    private static final Logger LOG = LoggerFactory.getLogger(ModelQuarantine.class);

    private final RejectionCounters rejections;
    private final Counter quarantined;

    ModelQuarantine(MetricGroup metrics, RejectionCounters rejections) {
        this.rejections = rejections;
        this.quarantined = metrics.counter("modelsQuarantined");
    }

    /** Reports {@code error}, met at {@code sample}, which starts the metric's new learning. */
    void report(
            UnreadableModelException error,
            Sample sample,
            KeyedProcessFunction<String, Sample, Detection>.Context ctx) {
        quarantined.inc();
        rejections.count(RejectReason.UNREADABLE_MODEL_STATE);
        LOG.error(
                "Quarantined metric '{}': its model state is cleared and the model learned again"
                        + " from the sample at {} on",
                error.metric(),
                sample.timestampMillis(),
                error);
        ctx.output(
                SeparateDeadLetters.DEAD_LETTERS,
                new DeadLetter(
                        RejectReason.UNREADABLE_MODEL_STATE,
                        error.getMessage()
                                + "; its model state was cleared, and this sample (which is kept)"
                                + " starts learning the model again",
                        sample.line(),
                        error.metric(),
                        sample.topic(),
                        sample.partition(),
                        sample.offset()));
    }
}
