package io.pensu.flink.testing;

import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test environment whose metric registry remembers every metric an operator registers, also in
 * sub-groups, so that tests can read counters by their name relative to the operator.
 */
public final class CapturedMetrics {

    private final Map<String, Metric> byIdentifier = new ConcurrentHashMap<>();

    /** An environment for an operator test harness that reports its metrics here. */
    public MockEnvironment environment() {
        return environment(1, 1, 0);
    }

    /** The same for subtask {@code subtask} of {@code parallelism}, with {@code keyGroups}. */
    public MockEnvironment environment(int keyGroups, int parallelism, int subtask) {
        return new MockEnvironmentBuilder()
                .setMetricGroup(taskGroup())
                .setMaxParallelism(keyGroups)
                .setParallelism(parallelism)
                .setSubtaskIndex(subtask)
                .build();
    }

    /** A metric group that reports here, for code that registers metrics outside an operator. */
    public MetricGroup group() {
        return taskGroup();
    }

    private TaskMetricGroup taskGroup() {
        TestingMetricRegistry registry =
                TestingMetricRegistry.builder()
                        .setDelimiter('.')
                        .setRegisterConsumer(
                                (metric, name, group) ->
                                        byIdentifier.put(group.getMetricIdentifier(name), metric))
                        .build();
        return TaskManagerMetricGroup.createTaskManagerMetricGroup(
                        registry, "localhost", ResourceID.generate())
                .addJob(new JobID(), "test job")
                .addTask(ExecutionAttemptID.randomId(), "test task");
    }

    /**
     * The count of the one counter whose identifier ends with the given dotted name, e.g. {@code
     * rejected.empty}.
     */
    public long count(String name) {
        return ((Counter) metric(name)).getCount();
    }

    /** The value of the one gauge whose identifier ends with the given dotted name. */
    public Object gauge(String name) {
        return ((Gauge<?>) metric(name)).getValue();
    }

    private Metric metric(String name) {
        List<Metric> matching =
                byIdentifier.entrySet().stream()
                        .filter(entry -> entry.getKey().endsWith("." + name))
                        .map(Map.Entry::getValue)
                        .toList();
        if (matching.size() != 1) {
            throw new AssertionError(
                    "expected one metric named " + name + " among " + byIdentifier.keySet());
        }
        return matching.get(0);
    }
}
