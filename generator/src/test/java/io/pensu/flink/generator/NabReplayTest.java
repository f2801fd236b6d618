package io.pensu.flink.generator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NabReplayTest {

    private static final long START = 1_700_000_000_000L;

    private static final List<NabSeries> TWO_SERIES =
            List.of(
                    new NabSeries(
                            "nab.aws.a", new long[] {0, 300_000, 600_000}, new double[] {1, 2, 3}),
                    new NabSeries("nab.aws.b", new long[] {0, 300_000}, new double[] {10, 20}));

    private static List<NabSeries> bundled() {
        return NabFiles.available().stream().map(f -> NabFiles.load(f, "")).toList();
    }

    /** Every line with the wall-clock time it was due, jumping from one due time to the next. */
    private static List<Sent> drain(NabReplay replay, long untilMillis) {
        List<Sent> sent = new ArrayList<>();
        while (!replay.finished() && replay.nextDueMillis() <= untilMillis) {
            long now = replay.nextDueMillis();
            replay.takeDue(now).forEach(line -> sent.add(new Sent(line, now)));
        }
        return sent;
    }

    private record Sent(MetricLine line, long atMillis) {}

    @Test
    void interleavesTheFilesByTimeAndPacesThemBySpeedUp() {
        NabReplay replay = new NabReplay(TWO_SERIES, START, 300, OptionalLong.empty());
        assertThat(replay.takeDue(START))
                .containsExactly(
                        new MetricLine("nab.aws.a", 1, START - 598_000),
                        new MetricLine("nab.aws.b", 10, START - 598_000));
        assertThat(replay.takeDue(START + 999)).isEmpty();
        assertThat(replay.takeDue(START + 2_000))
                .containsExactly(
                        new MetricLine("nab.aws.a", 2, START - 298_000),
                        new MetricLine("nab.aws.b", 20, START - 298_000),
                        new MetricLine("nab.aws.a", 3, START + 2_000));
        assertThat(replay.finished()).isTrue();
    }

    @Test
    void keepsEachFilesSpacingAndNeverSendsATimestampFromTheFuture() {
        List<NabSeries> files = bundled();
        NabReplay replay = new NabReplay(files, START, 300, OptionalLong.empty());
        List<Sent> sent = drain(replay, Long.MAX_VALUE);

        assertThat(sent).hasSize(files.stream().mapToInt(f -> f.offsetsMillis().length).sum());
        assertThat(sent).allMatch(s -> s.line().timestampMillis() <= s.atMillis());
        Sent last = sent.get(sent.size() - 1);
        assertThat(last.line().timestampMillis()).isEqualTo(last.atMillis());
        Map<String, List<Long>> timestamps = new HashMap<>();
        sent.forEach(
                s ->
                        timestamps
                                .computeIfAbsent(s.line().name(), n -> new ArrayList<>())
                                .add(s.line().timestampMillis()));
        for (NabSeries file : files) {
            List<Long> of = timestamps.get(file.metricName());
            long first = of.get(0);
            assertThat(of.stream().map(t -> t - first).toList())
                    .as(file.metricName())
                    .containsExactlyElementsOf(
                            java.util.Arrays.stream(file.offsetsMillis()).boxed().toList());
        }
    }

    @Test
    void aRestartedReplayContinuesAfterTheLastTimestampSent() {
        List<NabSeries> files = bundled();
        List<Sent> firstRun =
                drain(new NabReplay(files, START, 300, OptionalLong.empty()), START + 600_000);
        long lastSent =
                firstRun.stream().mapToLong(s -> s.line().timestampMillis()).max().orElseThrow();

        long restart = START + 700_000;
        NabReplay second = new NabReplay(files, restart, 300, OptionalLong.of(lastSent));
        List<Sent> secondRun = drain(second, Long.MAX_VALUE);

        assertThat(second.skipped()).isBetween(firstRun.size() - 400, firstRun.size());
        assertThat(secondRun).isNotEmpty();
        assertThat(secondRun).allMatch(s -> s.line().timestampMillis() > lastSent);
        assertThat(secondRun).allMatch(s -> s.line().timestampMillis() <= s.atMillis());
        assertThat(secondRun.get(0).atMillis()).isEqualTo(restart);
    }

    @Test
    void aReplayWhoseTimeWasAllSentSendsNothing() {
        NabReplay replay = new NabReplay(TWO_SERIES, START, 300, OptionalLong.of(START));
        assertThat(replay.finished()).isTrue();
        assertThat(replay.skipped()).isEqualTo(5);
    }

    @Test
    void atSpeedUpOneTheReplayRunsInRealTimeFromNow() {
        NabReplay replay = new NabReplay(TWO_SERIES, START, 1, OptionalLong.empty());
        assertThat(drain(replay, Long.MAX_VALUE))
                .extracting(s -> s.line().timestampMillis() - s.atMillis())
                .containsOnly(0L);
    }

    @Test
    void rejectsASpeedUpBelowOne() {
        assertThatThrownBy(() -> new NabReplay(TWO_SERIES, START, 0.5, OptionalLong.empty()))
                .hasMessageContaining("at least 1");
    }
}
