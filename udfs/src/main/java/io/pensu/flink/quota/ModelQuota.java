package io.pensu.flink.quota;

import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * PENSU_MAX_ALLOWED_MODELS: admits at most that many metrics, first come first served; a metric
 * once admitted stays admitted, and samples of metrics refused while the quota is full are dropped,
 * counted and logged at most once per interval.
 *
 * <p>The operator runs with parallelism 1 (and max parallelism 1) in front of the keyed detector,
 * so the count is exact for the whole job whatever the detector's parallelism, and survives
 * restores and rescales of the detector unchanged: its state is the set of admitted names.
 */
public class ModelQuota extends ProcessFunction<Sample, Sample> implements CheckpointedFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ModelQuota.class);

    private final int maxMetrics;
    private final long logIntervalMillis;

    private transient Set<String> admitted;
    private transient ListState<String> admittedState;
    private transient LogThrottle warnings;
    private transient Counter refused;

    public ModelQuota(int maxMetrics, long logIntervalMillis) {
        this.maxMetrics = maxMetrics;
        this.logIntervalMillis = logIntervalMillis;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        admittedState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "admitted-metrics", StringSerializer.INSTANCE));
        admitted = new HashSet<>();
        admittedState.get().forEach(admitted::add);
    }

    @Override
    public void open(OpenContext openContext) {
        warnings = new LogThrottle(logIntervalMillis, System::currentTimeMillis);
        refused = getRuntimeContext().getMetricGroup().counter("samplesOverQuota");
        getRuntimeContext().getMetricGroup().gauge("metricsAdmitted", () -> admitted.size());
    }

    @Override
    public void processElement(Sample sample, Context ctx, Collector<Sample> out) {
        if (admitted.contains(sample.metric()) || admitted.size() < maxMetrics) {
            admitted.add(sample.metric());
            out.collect(sample);
            return;
        }
        refused.inc();
        if (warnings.tryAcquire()) {
            LOG.warn(
                    "Model quota full: {} metrics are modelled (PENSU_MAX_ALLOWED_MODELS={}); "
                            + "samples of new metrics such as '{}' are dropped. "
                            + "{} samples refused so far.",
                    admitted.size(),
                    maxMetrics,
                    sample.metric(),
                    refused.getCount());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<String> sorted = new ArrayList<>(new TreeSet<>(admitted));
        admittedState.update(sorted);
    }
}
