package io.pensu.flink.quota;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import java.util.ArrayList;
import java.util.List;

/**
 * One detector subtask's part of PENSU_MAX_ALLOWED_MODELS, so that the quota needs no operator of
 * its own that every sample would have to pass through.
 *
 * <p>A subtask's share is proportional to the key groups it owns, and the shares of all subtasks
 * sum exactly to the maximum: key groups {@code [a, b]} get {@code floor(max * (b + 1) / groups) -
 * floor(max * a / groups)}, which telescopes over adjacent ranges. Admitted metrics are counted per
 * key group, because a key group is what a rescale moves: the counts go to union operator state,
 * and each subtask takes back those of its own key groups.
 */
public final class KeyGroupQuota {

    /** (key group, admitted metrics): the non-zero counts of every subtask. */
    static final ListStateDescriptor<Tuple2<Integer, Integer>> COUNTS =
            new ListStateDescriptor<>(
                    "quota-admitted-per-key-group", Types.TUPLE(Types.INT, Types.INT));

    private final KeyGroupRange keyGroups;
    private final int maxParallelism;
    private final int share;
    private final int[] admitted;
    private int total;

    public KeyGroupQuota(int maxMetrics, KeyGroupRange keyGroups, int maxParallelism) {
        this.keyGroups = keyGroups;
        this.maxParallelism = maxParallelism;
        this.share =
                (int)
                        (firstSlot(keyGroups.getEndKeyGroup() + 1, maxMetrics, maxParallelism)
                                - firstSlot(
                                        keyGroups.getStartKeyGroup(), maxMetrics, maxParallelism));
        this.admitted = new int[keyGroups.getNumberOfKeyGroups()];
    }

    /** The quota of the subtask of {@code task}, for {@code maxMetrics} in the whole job. */
    public static KeyGroupQuota of(TaskInfo task, int maxMetrics) {
        int maxParallelism = task.getMaxNumberOfParallelSubtasks();
        return new KeyGroupQuota(
                maxMetrics,
                KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                        maxParallelism,
                        task.getNumberOfParallelSubtasks(),
                        task.getIndexOfThisSubtask()),
                maxParallelism);
    }

    private static long firstSlot(int keyGroup, int maxMetrics, int maxParallelism) {
        return (long) maxMetrics * keyGroup / maxParallelism;
    }

    /** The union operator state that holds every subtask's counts. */
    public static ListState<Tuple2<Integer, Integer>> countsState(
            FunctionInitializationContext context) throws Exception {
        return context.getOperatorStateStore().getUnionListState(COUNTS);
    }

    /** Metrics this subtask may admit. */
    public int share() {
        return share;
    }

    /** Metrics this subtask holds now; above its share after a rescale to more subtasks. */
    public int admitted() {
        return total;
    }

    public boolean hasRoom() {
        return total < share;
    }

    /** Counts {@code metric} as admitted, whether or not there was room. */
    public void admit(String metric) {
        admitted[indexOf(metric)]++;
        total++;
    }

    /** Frees the slot of {@code metric}. */
    public void release(String metric) {
        admitted[indexOf(metric)]--;
        total--;
    }

    private int indexOf(String metric) {
        return KeyGroupRangeAssignment.assignToKeyGroup(metric, maxParallelism)
                - keyGroups.getStartKeyGroup();
    }

    /** The non-zero counts, as (key group, admitted metrics). */
    public List<Tuple2<Integer, Integer>> counts() {
        List<Tuple2<Integer, Integer>> counts = new ArrayList<>();
        for (int i = 0; i < admitted.length; i++) {
            if (admitted[i] > 0) {
                counts.add(Tuple2.of(keyGroups.getStartKeyGroup() + i, admitted[i]));
            }
        }
        return counts;
    }

    /** Takes the counts of this subtask's key groups from every subtask's {@link #counts()}. */
    public void restore(Iterable<Tuple2<Integer, Integer>> allCounts) {
        for (Tuple2<Integer, Integer> count : allCounts) {
            if (keyGroups.contains(count.f0)) {
                admitted[count.f0 - keyGroups.getStartKeyGroup()] += count.f1;
                total += count.f1;
            }
        }
    }
}
