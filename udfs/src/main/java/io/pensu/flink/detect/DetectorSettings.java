package io.pensu.flink.detect;

import io.pensu.flink.model.ModelParameterRules;
import io.pensu.flink.state.MetricStatus;

import org.apache.flink.util.MathUtils;

import java.io.Serializable;

/**
 * Everything the detector needs from the job's configuration.
 *
 * @param model how new models are built
 * @param parameterRules per-metric network parameters
 * @param decision the reporting thresholds
 * @param outOfOrderPolicy what to do with a sample that is not after its metric's last one
 * @param snapshotIntervalSamples samples between model snapshots in keyed state ({@link
 *     #periodicSnapshotDue})
 * @param snapshotAfterReplaySamples a model rebuilt into a full cache by replaying about this many
 *     journal samples ({@link #snapshotAfterReplay}) is snapshotted again after its sample, so that
 *     its next rebuild replays nothing
 * @param modelCacheSize live models kept in memory per parallel subtask
 * @param limits the quota and the idle expiry of metrics
 * @param sampleOrder whether samples go to the model as they arrive or wait for the watermark
 */
public record DetectorSettings(
        ModelSettings model,
        ModelParameterRules parameterRules,
        AnomalyDecision decision,
        OutOfOrderPolicy outOfOrderPolicy,
        int snapshotIntervalSamples,
        int snapshotAfterReplaySamples,
        int modelCacheSize,
        StateLimits limits,
        SampleOrder sampleOrder)
        implements Serializable {

    /** These settings under other {@code limits} and {@code sampleOrder}. */
    public DetectorSettings with(StateLimits limits, SampleOrder sampleOrder) {
        return new DetectorSettings(
                model,
                parameterRules,
                decision,
                outOfOrderPolicy,
                snapshotIntervalSamples,
                snapshotAfterReplaySamples,
                modelCacheSize,
                limits,
                sampleOrder);
    }

    /**
     * The replay after which the model of {@code metric} is snapshotted again: spread by metric
     * name from half to one and a half times {@link #snapshotAfterReplaySamples}, so that metrics
     * that started together, and so replay in step, do not all rewrite their snapshots in the same
     * round.
     */
    public int snapshotAfterReplay(String metric) {
        int setting = snapshotAfterReplaySamples;
        return Math.max(1, setting / 2 + Math.floorMod(metric.hashCode(), setting));
    }

    /**
     * Whether the model of {@code metric} is snapshotted after the sample that made {@code next}:
     * every {@link #snapshotIntervalSamples} samples, at a phase spread by metric name, and at the
     * latest when the journal holds an interval's samples. Without the spread, metrics whose models
     * were created together (a fleet deployed at once, the job's first start) would all rewrite
     * their snapshots in the same round, every interval, and that round's checkpoint would carry
     * every model. Outputs do not depend on when a snapshot is taken, so the phase may change
     * between releases.
     */
    public boolean periodicSnapshotDue(String metric, MetricStatus next) {
        int interval = snapshotIntervalSamples;
        long phase = MathUtils.murmurHash(metric.hashCode());
        return next.journalLength() >= interval
                || Math.floorMod(next.samplesAccepted() + phase, interval) == 0;
    }
}
