package io.pensu.flink.input;

import io.pensu.flink.testing.CapturedMetrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionCountersTest {

    private final CapturedMetrics metrics = new CapturedMetrics();
    private final RejectionCounters rejections = new RejectionCounters(metrics.group());

    @Test
    void registersOneCounterPerReasonUnderRejectedNamedByCode() {
        for (RejectReason reason : RejectReason.values()) {
            assertThat(metrics.count("rejected." + reason.code())).isZero();
        }
    }

    @Test
    void countsEachReasonOnItsOwnCounter() {
        rejections.count(RejectReason.OUT_OF_ORDER);
        rejections.count(RejectReason.OUT_OF_ORDER);
        rejections.count(RejectReason.DUPLICATE_TIMESTAMP);

        assertThat(metrics.count("rejected.out_of_order")).isEqualTo(2);
        assertThat(metrics.count("rejected.duplicate_timestamp")).isEqualTo(1);
        assertThat(metrics.count("rejected.empty")).isZero();
    }
}
