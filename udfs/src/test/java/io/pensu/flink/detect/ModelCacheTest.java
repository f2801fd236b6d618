package io.pensu.flink.detect;

import io.pensu.flink.model.ModelParameterRules;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCacheTest extends DetectorTestBase {

    /** Every test sample asks for a model that has learned nothing: any cached one matches. */
    private static final MetricModel MODEL =
            MetricModel.create(
                    modelSettings(),
                    ModelParameterRules.parse(SMALL_NETWORK).resolve("a.b"),
                    IntStream.range(0, LEARNING_SAMPLES).mapToDouble(i -> i).toArray());

    /** Asks for the model of {@code metric} and, when it is not live, offers the rebuilt one. */
    private static boolean hit(ModelCache cache, String metric) {
        if (cache.get(metric, 0) != null) {
            return true;
        }
        cache.offer(metric, MODEL);
        return false;
    }

    private static int hitsInRound(ModelCache cache, int metrics) {
        int hits = 0;
        for (int m = 0; m < metrics; m++) {
            hits += hit(cache, "m." + m) ? 1 : 0;
        }
        return hits;
    }

    @Test
    void keepsAFixedSetLiveWhenMoreMetricsThanSlotsSendInTurn() {
        ModelCache cache = new ModelCache(10);
        for (int round = 0; round < 3; round++) {
            hitsInRound(cache, 35);
        }
        // Through several halvings of the counts (every 100 samples): a least recently used cache
        // would have no hit at all.
        for (int round = 0; round < 20; round++) {
            assertThat(hitsInRound(cache, 35)).as("round %d", round).isEqualTo(10);
        }
        assertThat(cache.size()).isEqualTo(10);
    }

    @Test
    void aMetricThatStopsSendingMakesRoomForOneThatDoes() {
        ModelCache cache = new ModelCache(2);
        for (int i = 0; i < 100; i++) {
            hit(cache, "quiet.a");
            hit(cache, "quiet.b");
        }
        int samples = 0;
        while (!hit(cache, "busy.c")) {
            samples++;
        }
        assertThat(samples).isLessThan(100);
        assertThat(hit(cache, "quiet.b")).isTrue();
        assertThat(hit(cache, "quiet.a")).isFalse();
    }

    @Test
    void aBusierMetricTakesTheSlotOfTheLeastRecentlyUsedOne() {
        ModelCache cache = new ModelCache(2);
        hit(cache, "a.a");
        hit(cache, "b.b");
        hit(cache, "c.c");
        assertThat(hit(cache, "c.c"))
                .as("one sample more than a.a, not counting this one")
                .isFalse();
        assertThat(hit(cache, "c.c")).as("two more: c.c becomes live in place of a.a").isFalse();
        assertThat(hit(cache, "c.c")).isTrue();
        assertThat(hit(cache, "b.b")).isTrue();
        assertThat(hit(cache, "a.a")).isFalse();
    }

    @Test
    void aModelBehindItsMetricsSamplesIsNotReturned() {
        ModelCache cache = new ModelCache(2);
        cache.offer("a.b", MODEL);

        assertThat(cache.get("a.b", 1)).isNull();
        assertThat(cache.get("a.b", 0)).isSameAs(MODEL);
    }
}
