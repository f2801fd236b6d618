package io.pensu.flink.quota;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class KeyGroupQuotaTest {

    private static List<KeyGroupQuota> subtasks(int maxMetrics, int keyGroups, int parallelism) {
        return IntStream.range(0, parallelism)
                .mapToObj(
                        i ->
                                new KeyGroupQuota(
                                        maxMetrics,
                                        KeyGroupRangeAssignment
                                                .computeKeyGroupRangeForOperatorIndex(
                                                        keyGroups, parallelism, i),
                                        keyGroups))
                .toList();
    }

    @ParameterizedTest(name = "{0} metrics, {1} key groups, parallelism {2}")
    @CsvSource({
        "10, 128, 1",
        "10, 128, 3",
        "10, 128, 7",
        "1, 128, 4",
        "1000, 128, 5",
        "10, 4096, 12",
        "7, 7, 7",
        "100000, 32768, 9"
    })
    void theSharesOfAllSubtasksSumToTheQuotaAndDifferByAtMostTheirKeyGroups(
            int maxMetrics, int keyGroups, int parallelism) {
        List<KeyGroupQuota> quotas = subtasks(maxMetrics, keyGroups, parallelism);
        assertThat(quotas.stream().mapToInt(KeyGroupQuota::share).sum()).isEqualTo(maxMetrics);
        assertThat(quotas).allMatch(q -> q.share() >= 0 && q.share() <= maxMetrics);
        if (parallelism == 1) {
            assertThat(quotas.get(0).share()).isEqualTo(maxMetrics);
        }
    }

    @ParameterizedTest(name = "parallelism {0} to {1}")
    @CsvSource({"1, 2", "2, 1", "3, 5", "4, 4"})
    void aRescaleHandsEachKeyGroupsCountToItsNewOwner(int before, int after) {
        List<KeyGroupQuota> old = subtasks(1000, 128, before);
        List<String> metrics = IntStream.range(0, 200).mapToObj(i -> "m.n" + i).toList();
        for (String metric : metrics) {
            old.get(KeyGroupRangeAssignment.assignKeyToParallelOperator(metric, 128, before))
                    .admit(metric);
        }
        old.get(KeyGroupRangeAssignment.assignKeyToParallelOperator("m.n0", 128, before))
                .release("m.n0");
        List<Tuple2<Integer, Integer>> union = new ArrayList<>();
        old.forEach(q -> union.addAll(q.counts()));

        List<KeyGroupQuota> rescaled = subtasks(1000, 128, after);
        rescaled.forEach(q -> q.restore(union));

        for (int i = 0; i < after; i++) {
            int index = i;
            long owned =
                    metrics.stream()
                            .skip(1)
                            .filter(
                                    m ->
                                            KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                                            m, 128, after)
                                                    == index)
                            .count();
            assertThat(rescaled.get(i).admitted()).isEqualTo((int) owned);
        }
    }

    @ParameterizedTest(name = "{0} of 10")
    @CsvSource({"0", "9"})
    void hasRoomUntilItsShareIsTaken(int alreadyAdmitted) {
        KeyGroupQuota quota = new KeyGroupQuota(10, new KeyGroupRange(0, 127), 128);
        for (int i = 0; i < alreadyAdmitted; i++) {
            quota.admit("m.n" + i);
        }
        assertThat(quota.hasRoom()).isTrue();
        quota.admit("last.one");
        assertThat(quota.hasRoom()).isEqualTo(alreadyAdmitted + 1 < 10);
    }
}
