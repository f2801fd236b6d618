package io.pensu.flink.detect;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.RejectionCounters;
import io.pensu.flink.input.Sample;
import io.pensu.flink.input.SeparateDeadLetters;
import io.pensu.flink.quota.KeyGroupQuota;
import io.pensu.flink.quota.MetricAdmission;
import io.pensu.flink.state.DetectorStateDescriptors;
import io.pensu.flink.state.JournalEntry;
import io.pensu.flink.state.MetricStatus;
import io.pensu.flink.state.SnapshotInput;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each metric's HTM model, keyed by metric name.
 *
 * <p>A model is far too large to read and write per sample, so keyed state holds a snapshot of it,
 * refreshed every {@link DetectorSettings#snapshotIntervalSamples} samples (each metric at its own
 * phase, {@link DetectorSettings#periodicSnapshotDue}), plus the journal of samples since. Snapshot
 * and journal together always equal the live model, so every checkpoint is consistent without
 * touching the model, and a restored or evicted model is rebuilt by replaying the journal into the
 * snapshot. Live models stay in a bounded per-subtask cache.
 *
 * <p>A metric whose model keeps falling out of the cache (more metrics than live models) would
 * replay a longer journal on every sample; so a rebuild that replayed at least {@link
 * DetectorSettings#snapshotAfterReplay} samples into a full cache writes a fresh snapshot, which
 * bounds the replay of such a metric while a metric that stays live is still snapshotted only every
 * interval. A model rebuilt into a cache with room stays live, and writes none: after a restore
 * every metric is rebuilt once, and rewriting every snapshot then would slow the catch-up and make
 * the next checkpoint carry them all.
 *
 * <p>Before a model exists, the journal collects the metric's first samples, from which the value
 * encoder's range is learned; once there are enough, the model is created and those samples are fed
 * through it, each getting its outputs then.
 *
 * <p>Ordered by event time ({@link SampleOrder#EVENT_TIME}), a sample ahead of the watermark waits
 * in {@link PendingSamples} until the watermark passes it, and then goes to the model in timestamp
 * order with the others it passed; a sample that arrives behind the watermark goes at once. Either
 * way, a sample not after its metric's last processed one is rejected as before.
 *
 * <p>State stays bounded: {@link MetricAdmission} admits metrics up to the quota and expires quiet
 * ones, and a metric whose stored model cannot be read is learned again ({@link ModelQuarantine}).
 */
public class MetricDetector extends KeyedProcessFunction<String, Sample, Detection>
        implements CheckpointedFunction {

    private final DetectorSettings settings;

    private transient ValueState<MetricStatus> status;
    private transient ValueState<byte[]> modelSnapshot;
    private transient ListState<JournalEntry> journal;
    private transient PendingSamples pending;
    private transient ModelCache cache;
    private transient ListState<Tuple2<Integer, Integer>> quotaCounts;
    private transient KeyGroupQuota quota;
    private transient MetricAdmission admission;
    private transient ModelQuarantine quarantine;
    private transient RejectionCounters rejections;
    private transient Counter modelsCreated;
    private transient Counter modelsRestored;
    private transient Counter samplesReplayed;
    private transient Counter snapshotsWritten;
    private transient Counter anomaliesReported;
    private transient Counter samplesBehindWatermark;
    private transient Histogram modelComputeMicros;
    private transient Counter modelComputeCpuMicros;
    private transient long modelComputeCpuNanosCarried;
    private transient ThreadMXBean threads;

    public MetricDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        quota = KeyGroupQuota.of(getRuntimeContext().getTaskInfo(), settings.limits().maxMetrics());
        quotaCounts = KeyGroupQuota.countsState(context);
        quota.restore(quotaCounts.get());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        quotaCounts.update(quota.counts());
    }

    @Override
    public void open(OpenContext openContext) {
        status = getRuntimeContext().getState(DetectorStateDescriptors.status());
        modelSnapshot = getRuntimeContext().getState(DetectorStateDescriptors.modelSnapshot());
        journal = getRuntimeContext().getListState(DetectorStateDescriptors.journal());
        pending =
                new PendingSamples(
                        getRuntimeContext().getListState(DetectorStateDescriptors.pendingSamples()),
                        getRuntimeContext().getState(DetectorStateDescriptors.pendingTimer()));
        cache = new ModelCache(settings.modelCacheSize());

        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        rejections = new RejectionCounters(metrics);
        admission = new MetricAdmission(settings.limits(), quota, getRuntimeContext(), rejections);
        quarantine = new ModelQuarantine(metrics, rejections);
        modelsCreated = metrics.counter("modelsCreated");
        modelsRestored = metrics.counter("modelsRestored");
        samplesReplayed = metrics.counter("samplesReplayed");
        snapshotsWritten = metrics.counter("snapshotsWritten");
        anomaliesReported = metrics.counter("anomaliesReported");
        samplesBehindWatermark = metrics.counter("samplesBehindWatermark");
        metrics.gauge("modelsLive", () -> cache.size());
        modelComputeMicros =
                metrics.histogram("modelComputeMicros", new DescriptiveStatisticsHistogram(1000));
        // CPU time rather than elapsed time: what the models cost whatever else shares the cores,
        // against the CPU time of the whole pipeline.
        modelComputeCpuMicros = metrics.counter("modelComputeCpuMicros");
        threads = ManagementFactory.getThreadMXBean();
    }

    @Override
    public void processElement(Sample sample, Context ctx, Collector<Detection> out)
            throws Exception {
        if (!admission.admit(sample, ctx)) {
            return;
        }
        TimerService timers = ctx.timerService();
        if (settings.sampleOrder() == SampleOrder.ARRIVAL) {
            // Samples left waiting by a run that ordered by event time go first, in their order.
            processAll(pending.release(Long.MAX_VALUE, timers), ctx, out);
            process(sample, ctx, out);
        } else if (sample.timestampMillis() <= timers.currentWatermark()) {
            samplesBehindWatermark.inc();
            process(sample, ctx, out);
        } else {
            pending.hold(sample, timers);
        }
    }

    private void processAll(List<Sample> samples, Context ctx, Collector<Detection> out)
            throws Exception {
        for (Sample sample : samples) {
            process(sample, ctx, out);
        }
    }

    private void process(Sample sample, Context ctx, Collector<Detection> out) throws Exception {
        MetricStatus stored = status.value();
        MetricStatus current = stored == null ? MetricStatus.NEW : stored;
        if (!current.isAfterLast(sample.timestampMillis())
                && settings.outOfOrderPolicy() == OutOfOrderPolicy.REJECT) {
            reject(sample, current, ctx);
            return;
        }
        MetricModel model = null;
        boolean rebuiltIntoFullCache = false;
        if (current.modelCreated()) {
            model = cache.get(sample.metric(), current.samplesAccepted());
            if (model == null) {
                try {
                    rebuiltIntoFullCache = !cache.hasRoom();
                    model = rebuild(sample.metric(), current);
                } catch (UnreadableModelException e) {
                    quarantine.report(e, sample, ctx);
                    clearModel(sample.metric());
                    current = MetricStatus.NEW;
                }
            }
        }
        JournalEntry entry = new JournalEntry(sample.timestampMillis(), sample.value());
        journal.add(entry);
        MetricStatus next = current.accept(sample.timestampMillis());

        if (model != null) {
            emit(model, sample.metric(), entry, out);
            if (settings.periodicSnapshotDue(sample.metric(), next)
                    || rebuiltIntoFullCache
                            && current.journalLength()
                                    >= settings.snapshotAfterReplay(sample.metric())) {
                next = persist(model, next);
            }
        } else if (next.journalLength() >= settings.model().learningSamples()) {
            next = persist(createModel(sample.metric(), out), next);
        }
        status.update(next);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out)
            throws Exception {
        TimerService timers = ctx.timerService();
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            processAll(pending.release(timers.currentWatermark(), timers), ctx, out);
        } else if (admission.isIdle(timers)) {
            forget(ctx.getCurrentKey(), timers);
        }
    }

    /**
     * Forgets the current, expired metric: it leaves no keyed state behind, so a state added to the
     * detector is cleared here too, and it gives its quota slot back.
     */
    private void forget(String metric, TimerService timers) throws Exception {
        clearModel(metric);
        pending.clear(timers);
        admission.expire(metric);
    }

    /**
     * Clears the current metric's model: what it learned and what it was learning from. A
     * quarantined metric starts again from here.
     */
    private void clearModel(String metric) {
        cache.remove(metric);
        status.clear();
        modelSnapshot.clear();
        journal.clear();
    }

    private MetricModel createModel(String metric, Collector<Detection> out) throws Exception {
        List<JournalEntry> learned = journalEntries();
        double[] values = learned.stream().mapToDouble(JournalEntry::value).toArray();
        MetricModel model =
                MetricModel.create(
                        settings.model(), settings.parameterRules().resolve(metric), values);
        for (JournalEntry entry : learned) {
            emit(model, metric, entry, out);
        }
        cache.offer(metric, model);
        modelsCreated.inc();
        return model;
    }

    private void emit(
            MetricModel model, String metric, JournalEntry entry, Collector<Detection> out) {
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        ModelOutput result = model.process(entry.timestampMillis(), entry.value());
        // A sample takes a few hundred microseconds: carrying the remainder keeps the counter
        // from losing up to one microsecond per sample.
        modelComputeCpuNanosCarried += threads.getCurrentThreadCpuTime() - cpuStart;
        modelComputeCpuMicros.inc(modelComputeCpuNanosCarried / 1000);
        modelComputeCpuNanosCarried %= 1000;
        modelComputeMicros.update((System.nanoTime() - start) / 1000);
        Detection detection =
                settings.decision().decide(metric, entry.timestampMillis(), entry.value(), result);
        if (detection.anomalous()) {
            anomaliesReported.inc();
        }
        out.collect(detection);
    }

    /**
     * The model of {@code metric} as of {@code current}, rebuilt from its snapshot and journal in
     * keyed state.
     *
     * @throws UnreadableModelException when they do not make that model; an error in reading the
     *     state backend itself is not one, and fails the task
     */
    private MetricModel rebuild(String metric, MetricStatus current) throws Exception {
        byte[] snapshot = modelSnapshot.value();
        List<JournalEntry> entries = journalEntries();
        MetricModel model;
        try {
            model = replay(metric, snapshot, entries, current);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableModelException(metric, e);
        }
        cache.offer(metric, model);
        modelsRestored.inc();
        return model;
    }

    private MetricModel replay(
            String metric, byte[] snapshot, List<JournalEntry> entries, MetricStatus current)
            throws IOException {
        if (snapshot == null) {
            throw new IllegalStateException("model snapshot of metric '" + metric + "' is missing");
        }
        MetricModel model = MetricModel.readFrom(new SnapshotInput(snapshot));
        for (JournalEntry entry : entries) {
            model.process(entry.timestampMillis(), entry.value());
            samplesReplayed.inc();
        }
        if (model.samplesApplied() != current.samplesAccepted()) {
            throw new IllegalStateException(
                    "keyed state of metric '"
                            + metric
                            + "' is inconsistent: snapshot and journal hold "
                            + model.samplesApplied()
                            + " samples, its status says "
                            + current.samplesAccepted());
        }
        return model;
    }

    private MetricStatus persist(MetricModel model, MetricStatus next) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            model.writeTo(data);
        }
        modelSnapshot.update(bytes.toByteArray());
        journal.clear();
        snapshotsWritten.inc();
        return next.snapshotted();
    }

    private List<JournalEntry> journalEntries() throws Exception {
        List<JournalEntry> entries = new ArrayList<>();
        journal.get().forEach(entries::add);
        return entries;
    }

    private void reject(Sample sample, MetricStatus current, Context ctx) {
        RejectReason reason =
                sample.timestampMillis() == current.lastTimestampMillis()
                        ? RejectReason.DUPLICATE_TIMESTAMP
                        : RejectReason.OUT_OF_ORDER;
        rejections.count(reason);
        ctx.output(
                SeparateDeadLetters.DEAD_LETTERS,
                new DeadLetter(
                        reason,
                        "timestamp "
                                + Instant.ofEpochMilli(sample.timestampMillis())
                                + " is not after the metric's last accepted timestamp "
                                + Instant.ofEpochMilli(current.lastTimestampMillis()),
                        sample.line(),
                        sample.metric(),
                        sample.topic(),
                        sample.partition(),
                        sample.offset()));
    }
}
