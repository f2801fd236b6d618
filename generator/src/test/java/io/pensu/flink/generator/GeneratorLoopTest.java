package io.pensu.flink.generator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorLoopTest {

    /** A clock that jumps to whatever time the loop waits for. */
    private static final class JumpingClock implements GeneratorLoop.Clock {
        long now;
        final List<Long> waits = new ArrayList<>();

        JumpingClock(long now) {
            this.now = now;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public void sleepUntil(long millis) {
            waits.add(millis);
            now = Math.max(now, millis);
        }
    }

    /** One line every second from 0, {@code total} in all. */
    private static final class Ticker implements LineSource {
        final long total;
        long next;

        Ticker(long total) {
            this.total = total;
        }

        @Override
        public long nextDueMillis() {
            return next < total ? next * 1000 : Long.MAX_VALUE;
        }

        @Override
        public List<MetricLine> takeDue(long nowMillis) {
            List<MetricLine> due = new ArrayList<>();
            while (nextDueMillis() <= nowMillis) {
                due.add(new MetricLine("t.ick", next, next * 1000));
                next++;
            }
            return due;
        }
    }

    private static final class CollectingSink implements LineSink {
        final List<MetricLine> lines = new ArrayList<>();

        @Override
        public void send(MetricLine line) {
            lines.add(line);
        }

        @Override
        public void close() {}
    }

    private final JumpingClock clock = new JumpingClock(0);
    private final CollectingSink sink = new CollectingSink();
    private final List<String> progress = new ArrayList<>();

    private long run(LineSource source, OptionalLong count, OptionalLong deadline)
            throws InterruptedException {
        return new GeneratorLoop(
                        List.of(source),
                        sink,
                        clock,
                        count,
                        deadline,
                        Duration.ofSeconds(10),
                        progress::add)
                .run();
    }

    @Test
    void sendsEverySampleWhenDueUntilTheSourcesAreDone() throws Exception {
        assertThat(run(new Ticker(25), OptionalLong.empty(), OptionalLong.empty())).isEqualTo(25);
        assertThat(sink.lines).extracting(MetricLine::value).startsWith(0.0, 1.0, 2.0).hasSize(25);
        assertThat(clock.now).isEqualTo(24_000);
        assertThat(progress)
                .containsExactly(
                        "11 lines sent, 11 in the last 10 s",
                        "21 lines sent, 10 in the last 10 s",
                        "stopping: every source is done; 25 lines sent");
    }

    @Test
    void stopsAfterTheLineCount() throws Exception {
        assertThat(run(new Ticker(100), OptionalLong.of(7), OptionalLong.empty())).isEqualTo(7);
        assertThat(sink.lines).hasSize(7);
        assertThat(progress).last().isEqualTo("stopping: 7 lines sent, as many as asked");
    }

    @Test
    void stopsAtTheDeadline() throws Exception {
        assertThat(run(new Ticker(100), OptionalLong.empty(), OptionalLong.of(4_500))).isEqualTo(5);
        assertThat(clock.now).isEqualTo(4_500);
    }

    @Test
    void waitsForTheNextDueSampleNotLonger() throws Exception {
        run(new Ticker(3), OptionalLong.empty(), OptionalLong.empty());
        assertThat(clock.waits).containsExactly(1_000L, 2_000L);
    }
}
