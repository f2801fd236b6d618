package io.pensu.flink.detect;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live models of one parallel subtask. Dropping a model loses nothing: keyed state always holds
 * its snapshot and journal, from which it is rebuilt.
 *
 * <p>When the cache is full, a model is kept only in place of the least recently used one, and only
 * if its metric had more samples lately. The usual load is many metrics sending at the same rate,
 * each in turn; plain LRU then evicts every model just before its next sample and rebuilds on every
 * sample, while this keeps a fixed set of models live and rebuilds only the others. Sample counts
 * are halved every {@link #AGING_ROUNDS} x capacity samples, so that a metric that stops sending
 * leaves and one that becomes busy gets in.
 */
final class ModelCache {

    static final int AGING_ROUNDS = 10;

    private final int capacity;
    private final LinkedHashMap<String, MetricModel> models;
    private final Map<String, Integer> recentSamples = new HashMap<>();
    private final long agingPeriod;
    private long samplesSinceAging;

    ModelCache(int capacity) {
        this.capacity = capacity;
        this.models = new LinkedHashMap<>(16, 0.75f, true);
        this.agingPeriod = (long) AGING_ROUNDS * capacity;
    }

    /**
     * Counts a sample of {@code metric} and returns its cached model if that has learned exactly
     * {@code samples} samples.
     */
    MetricModel get(String metric, long samples) {
        countSample(metric);
        MetricModel model = models.get(metric);
        return model != null && model.samplesApplied() == samples ? model : null;
    }

    /** Whether a model offered now would stay live without taking another's place. */
    boolean hasRoom() {
        return models.size() < capacity;
    }

    /** Keeps {@code model} live if there is room, or in place of a less busy metric's. */
    void offer(String metric, MetricModel model) {
        if (models.size() >= capacity && !models.containsKey(metric)) {
            Map.Entry<String, MetricModel> eldest = models.entrySet().iterator().next();
            // The sample just counted is left out, so that a metric that merely came round
            // before the eldest one does not look busier.
            if (recent(metric) - 1 <= recent(eldest.getKey())) {
                return;
            }
            models.remove(eldest.getKey());
        }
        models.put(metric, model);
    }

    /** Drops the live model of {@code metric}, whose state is gone. */
    void remove(String metric) {
        models.remove(metric);
        recentSamples.remove(metric);
    }

    int size() {
        return models.size();
    }

    private int recent(String metric) {
        return recentSamples.getOrDefault(metric, 0);
    }

    private void countSample(String metric) {
        recentSamples.merge(metric, 1, Integer::sum);
        if (++samplesSinceAging >= agingPeriod) {
            samplesSinceAging = 0;
            recentSamples.values().removeIf(count -> count == 1);
            recentSamples.replaceAll((m, count) -> count / 2);
        }
    }
}
