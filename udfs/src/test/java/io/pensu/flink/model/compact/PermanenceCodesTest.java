package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PermanenceCodesTest {

    /** The defaults: initial 0.21, increment and decrement 0.1, connected at 0.5. */
    private static final PermanenceCodes.Steps DEFAULTS =
            new PermanenceCodes.Steps(860, 409, 409, 0, 2047);

    @Test
    void theDefaultsReachTwentyOnePermanencesWhoseCodesFitAByte() {
        PermanenceCodes codes = PermanenceCodes.of(DEFAULTS);

        assertThat(codes.count()).isEqualTo(21);
        assertThat(codes.fitsByte()).isTrue();
        assertThat(codes.units(codes.initial())).isEqualTo(860);
        assertThat(codes.units(codes.count() - 1)).isEqualTo(Permanence.ONE);
        assertThat(codes.units(codes.connected())).isEqualTo(2049);
        assertThat(codes.units(codes.connected() - 1)).isLessThan(2047);
        assertThat(PermanenceCodes.of(DEFAULTS)).isSameAs(codes);
    }

    /** Every code's steps are the permanence arithmetic's, 0 removing the synapse. */
    @Test
    void stepsAsThePermanencesDoAndCodesAscendWithThem() {
        for (PermanenceCodes.Steps steps :
                List.of(
                        DEFAULTS,
                        new PermanenceCodes.Steps(860, 409, 409, 41, 2047),
                        new PermanenceCodes.Steps(0, 12, 2, 0, 100),
                        new PermanenceCodes.Steps(860, 205, 33, 4, 2047))) {
            assertStepsExactly(PermanenceCodes.of(steps), steps);
        }
    }

    private static void assertStepsExactly(PermanenceCodes codes, PermanenceCodes.Steps steps) {
        for (int code = 0; code < codes.count(); code++) {
            int units = codes.units(code);
            assertThat(codes.codeOf(units)).isEqualTo(code);
            if (code > 0) {
                assertThat(units).isGreaterThan(codes.units(code - 1));
            }
            assertStep(codes, codes.reinforced(code), units + steps.increment());
            assertStep(codes, codes.weakened(code), units - steps.decrement());
            assertStep(codes, codes.punished(code), units - steps.punishment());
            assertThat(code >= codes.connected()).isEqualTo(units >= steps.connected());
        }
    }

    private static void assertStep(PermanenceCodes codes, int code, int units) {
        int clipped = Permanence.clip(units);
        if (clipped == 0) {
            assertThat(code).isEqualTo(PermanenceCodes.REMOVED);
        } else {
            assertThat(codes.units(code)).isEqualTo(clipped);
        }
    }

    /**
     * Small steps with no common divisor reach every permanence: more codes than a byte holds, the
     * case of the wide synapse layout.
     */
    @Test
    void smallStepsReachEveryPermanence() {
        PermanenceCodes codes =
                PermanenceCodes.of(new PermanenceCodes.Steps(860, 205, 33, 0, 2047));

        assertThat(codes.count()).isEqualTo(Permanence.ONE);
        assertThat(codes.fitsByte()).isFalse();
        assertThat(SynapseBlocks.wide(65_536, codes)).isTrue();
        assertThat(SynapseBlocks.wide(65_536, PermanenceCodes.of(DEFAULTS))).isFalse();
        assertThat(SynapseBlocks.wide(65_537, PermanenceCodes.of(DEFAULTS))).isTrue();
    }

    /**
     * A snapshot may hold permanences the steps do not reach (written with other steps): the codes
     * then cover them and what the steps make of them, and the shared codes are left as they were.
     */
    @Test
    void encodeWhatASnapshotHoldsBesidesWhatTheStepsReach() {
        PermanenceCodes shared = PermanenceCodes.of(DEFAULTS);
        int[] reached = {860, 1269, Permanence.ONE};

        assertThat(shared.encode(reached)).isSameAs(shared);
        assertThat(reached)
                .containsExactly(
                        shared.codeOf(860), shared.codeOf(1269), shared.codeOf(Permanence.ONE));

        int[] held = {860, 1269, 1000, 860, 4095};
        PermanenceCodes covering = shared.encode(held);

        assertThat(held)
                .containsExactly(
                        covering.codeOf(860),
                        covering.codeOf(1269),
                        covering.codeOf(1000),
                        covering.codeOf(860),
                        covering.count() - 1);
        assertThat(covering.codeOf(1000)).isNotEqualTo(PermanenceCodes.REMOVED);
        assertThat(covering.units(covering.weakened(covering.codeOf(1000)))).isEqualTo(591);
        assertThat(covering.units(covering.weakened(covering.codeOf(4095)))).isEqualTo(3686);
        assertStepsExactly(covering, DEFAULTS);
        for (int code = 0; code < shared.count(); code++) {
            assertThat(covering.codeOf(shared.units(code))).isNotEqualTo(PermanenceCodes.REMOVED);
        }
        assertThat(covering.units(covering.initial())).isEqualTo(860);
        assertThat(shared.codeOf(1000)).isEqualTo(PermanenceCodes.REMOVED);
        assertThat(PermanenceCodes.of(DEFAULTS)).isSameAs(shared);
    }
}
