package io.pensu.flink.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live models of one parallel subtask, least recently used first out. Dropping a model loses
 * nothing: keyed state always holds its snapshot and journal, from which it is rebuilt.
 */
final class ModelCache {

    private final Map<String, MetricModel> models;

    ModelCache(int capacity) {
        this.models =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, MetricModel> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** The cached model of {@code metric} if it has learned exactly {@code samples} samples. */
    MetricModel get(String metric, long samples) {
        MetricModel model = models.get(metric);
        return model != null && model.samplesApplied() == samples ? model : null;
    }

    void put(String metric, MetricModel model) {
        models.put(metric, model);
    }

    int size() {
        return models.size();
    }
}
