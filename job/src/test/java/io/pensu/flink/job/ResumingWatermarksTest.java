package io.pensu.flink.job;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;
import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.types.Either;
import org.apache.flink.util.clock.ManualClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ResumingWatermarksTest {

    private static final long BOUND = 60_000L;
    private static final long GRACE = 10_000L;

    private final ManualClock clock = new ManualClock();
    private final ResumingWatermarks watermarks =
            new ResumingWatermarks(
                    Duration.ofMillis(BOUND),
                    Duration.ofMillis(BOUND),
                    Duration.ofMillis(GRACE),
                    clock);
    private final Output output = new Output();

    @Test
    void trailsTheNewestSampleByTheBoundOnceTheStartIsPast() {
        sample(1_000_000L);
        emit();
        assertThat(output.watermark).isEqualTo(Long.MIN_VALUE);

        clock.advanceTime(Duration.ofMillis(GRACE));
        sample(1_030_000L);
        sample(1_010_000L);
        emit();
        assertThat(output.idle).isFalse();
        assertThat(output.watermark).isEqualTo(1_030_000L - BOUND - 1);
    }

    @Test
    void isIdleAfterTheBoundWithoutSamplesWhateverDeadLettersCome() {
        clock.advanceTime(Duration.ofMillis(GRACE));
        sample(1_000_000L);
        clock.advanceTime(Duration.ofMillis(BOUND - 1));
        deadLetter();
        emit();
        assertThat(output.idle).isFalse();

        clock.advanceTime(Duration.ofMillis(1));
        deadLetter();
        emit();
        assertThat(output.idle).isTrue();
    }

    @Test
    void holdsItsWatermarkForTheGraceWhenSamplesComeAgainAfterAPause() {
        clock.advanceTime(Duration.ofMillis(GRACE));
        sample(1_000_000L);
        emit();
        long before = output.watermark;

        clock.advanceTime(Duration.ofMillis(BOUND));
        emit();
        assertThat(output.idle).isTrue();
        // A backlog half an hour ahead: the partition counts again, but its watermark stays.
        sample(1_000_000L + 1_800_000L);
        clock.advanceTime(Duration.ofMillis(GRACE - 1));
        emit();
        assertThat(output.idle).isFalse();
        assertThat(output.watermark).isEqualTo(before);

        clock.advanceTime(Duration.ofMillis(1));
        emit();
        assertThat(output.watermark).isEqualTo(1_000_000L + 1_800_000L - BOUND - 1);
    }

    private void sample(long timestamp) {
        watermarks.onEvent(
                Either.Right(new Sample("a.b", timestamp, 1, "a.b 1 1", "m", 0, 0)),
                timestamp,
                output);
    }

    private void deadLetter() {
        watermarks.onEvent(
                Either.Left(new DeadLetter(RejectReason.EMPTY, "empty", "", null, "m", 0, 0)),
                Long.MAX_VALUE,
                output);
    }

    private void emit() {
        watermarks.onPeriodicEmit(output);
    }

    /** The last watermark emitted, and whether the partition is idle. */
    private static final class Output implements WatermarkOutput {
        private long watermark = Long.MIN_VALUE;
        private boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            this.watermark = watermark.getTimestamp();
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
