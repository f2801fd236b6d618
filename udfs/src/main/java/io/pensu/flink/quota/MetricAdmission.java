package io.pensu.flink.quota;

import io.pensu.flink.detect.StateLimits;
import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.RejectionCounters;
import io.pensu.flink.input.Sample;
import io.pensu.flink.input.SeparateDeadLetters;
import io.pensu.flink.state.DetectorStateDescriptors;
import io.pensu.flink.state.MetricActivity;
import io.pensu.flink.state.MetricStatus;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * A metric's slot in the detector: taken at its first sample if the subtask's {@link KeyGroupQuota}
 * has room, kept while samples come, and given up once the metric has been quiet for the idle
 * timeout. Samples of metrics refused while the quota is full become {@code over_quota} dead
 * letters, so that a user can find out why a metric has no outputs; they are also counted, and
 * logged at most once per interval.
 *
 * <p>Each admitted metric has one processing-time timer at a time: set at its first sample for the
 * timeout ahead, and set again when it fires for a metric that was seen since. Idleness counts from
 * the later of the last sample and the start of this run: after a restore, the samples that arrived
 * during the outage are still to be read, and the metric must not expire before them.
 */
public final class MetricAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(MetricAdmission.class);

    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final StateLimits limits;
    private final long idleTimeoutMillis;
    private final KeyGroupQuota quota;
    private final RejectionCounters rejections;
    private final ValueState<MetricActivity> activity;
    private final ValueState<MetricStatus> modelStatus;
    private final LogThrottle warnings;
    private final Counter refused;
    private final Counter expired;
    private long startedMillis = NOT_STARTED;

    public MetricAdmission(
            StateLimits limits,
            KeyGroupQuota quota,
            RuntimeContext runtime,
            RejectionCounters rejections) {
        this.limits = limits;
        this.idleTimeoutMillis = limits.idleTimeout().toMillis();
        this.quota = quota;
        this.rejections = rejections;
        this.activity = runtime.getState(DetectorStateDescriptors.activity());
        this.modelStatus = runtime.getState(DetectorStateDescriptors.status());
        this.warnings =
                new LogThrottle(
                        limits.overQuotaLogInterval().toMillis(), System::currentTimeMillis);
        MetricGroup metrics = runtime.getMetricGroup();
        this.refused = metrics.counter("samplesOverQuota");
        this.expired = metrics.counter("metricsExpired");
        metrics.gauge("metricsAdmitted", quota::admitted);
    }

    /**
     * Whether the sample's metric is (now) admitted; if not, the sample has gone to the dead
     * letters. A metric with state from a release before the quota was kept here is admitted and
     * counted at its first sample, whatever the quota.
     */
    public boolean admit(Sample sample, KeyedProcessFunction<String, Sample, ?>.Context ctx)
            throws IOException {
        MetricActivity seen = activity.value();
        if (seen == null) {
            if (!quota.hasRoom() && modelStatus.value() == null) {
                refuse(sample, ctx);
                return false;
            }
            quota.admit(sample.metric());
        }
        TimerService timers = ctx.timerService();
        long now = now(timers);
        long timer = seen == null ? MetricActivity.NO_TIMER : seen.timerMillis();
        if (timer == MetricActivity.NO_TIMER && idleTimeoutMillis > 0) {
            timer = now + idleTimeoutMillis;
            timers.registerProcessingTimeTimer(timer);
        }
        activity.update(new MetricActivity(now, timer));
        return true;
    }

    /**
     * On the current metric's idle timer: whether it has been quiet for the timeout. If it has not,
     * the timer is set again for when it would have been.
     */
    public boolean isIdle(TimerService timers) throws IOException {
        MetricActivity seen = activity.value();
        long now = now(timers);
        long deadline = Math.max(seen.lastSeenMillis(), startedMillis) + idleTimeoutMillis;
        if (idleTimeoutMillis > 0 && now >= deadline) {
            return true;
        }
        long timer = MetricActivity.NO_TIMER;
        if (idleTimeoutMillis > 0) {
            timer = deadline;
            timers.registerProcessingTimeTimer(timer);
        }
        activity.update(new MetricActivity(seen.lastSeenMillis(), timer));
        return false;
    }

    /** Forgets the current metric's activity and frees its slot; the caller clears the rest. */
    public void expire(String metric) {
        activity.clear();
        quota.release(metric);
        expired.inc();
    }

    /** Processing time now; the first call of this run starts the idle clock of every metric. */
    private long now(TimerService timers) {
        long now = timers.currentProcessingTime();
        if (startedMillis == NOT_STARTED) {
            startedMillis = now;
        }
        return now;
    }

    private void refuse(Sample sample, KeyedProcessFunction<String, Sample, ?>.Context ctx) {
        refused.inc();
        rejections.count(RejectReason.OVER_QUOTA);
        if (warnings.tryAcquire()) {
            LOG.warn(
                    "Model quota full: this subtask models {} metrics, its share of"
                            + " PENSU_MAX_ALLOWED_MODELS={}; samples of new metrics such as '{}'"
                            + " go to the dead letters as over_quota. {} samples refused so far.",
                    quota.admitted(),
                    limits.maxMetrics(),
                    sample.metric(),
                    refused.getCount());
        }
        ctx.output(
                SeparateDeadLetters.DEAD_LETTERS,
                new DeadLetter(
                        RejectReason.OVER_QUOTA,
                        "the metric is not modelled: the model quota is full"
                                + " (PENSU_MAX_ALLOWED_MODELS="
                                + limits.maxMetrics()
                                + ", of which this subtask models "
                                + quota.share()
                                + ")",
                        sample.line(),
                        sample.metric(),
                        sample.topic(),
                        sample.partition(),
                        sample.offset()));
    }
}
