package io.pensu.flink.input;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.EnumMap;
import java.util.Map;

/**
 * One Flink counter per {@link RejectReason}, in the group {@code rejected} and named by the
 * reason's code, so that every operator that rejects samples reports them under the same names.
 */
public final class RejectionCounters {

    private final Map<RejectReason, Counter> counters = new EnumMap<>(RejectReason.class);

    public RejectionCounters(MetricGroup parent) {
        MetricGroup rejected = parent.addGroup("rejected");
        for (RejectReason reason : RejectReason.values()) {
            counters.put(reason, rejected.counter(reason.code()));
        }
    }

    public void count(RejectReason reason) {
        counters.get(reason).inc();
    }
}
