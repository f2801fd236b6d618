package io.pensu.flink.job;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.types.Either;
import org.apache.flink.util.clock.Clock;

import java.time.Duration;

/**
 * One partition's watermark: the newest sample's timestamp less the bound; idle after a while
 * without samples; and, when samples come again, held where it was for a short grace.
 *
 * <p>The grace is what keeps a stream correct after a pause. While every partition is idle, the
 * first one to send again would alone make the watermark: a backlog (a producer that buffered
 * during an outage) would drag it far ahead, and the samples that the other partitions send a
 * moment later would all be late, so a metric whose samples cross partitions would lose them. Held
 * for the grace, the resumed partition counts again without moving the watermark until the others
 * had the time to resume too.
 *
 * <p>Only samples count: a partition that receives nothing but dead letters is idle, rather than
 * holding every other partition back with a watermark that never moves.
 */
final class ResumingWatermarks implements WatermarkGenerator<Either<DeadLetter, Sample>> {

    private final long boundMillis;
    private final long idleAfterMillis;
    private final long graceMillis;
    private final Clock clock;

    private long newestSample = Long.MIN_VALUE;
    private long lastSampleSeen;
    private long resumedAt;
    private long watermark = Long.MIN_VALUE;

    ResumingWatermarks(Duration bound, Duration idleAfter, Duration grace, Clock clock) {
        this.boundMillis = bound.toMillis();
        this.idleAfterMillis = idleAfter.toMillis();
        this.graceMillis = grace.toMillis();
        this.clock = clock;
        this.lastSampleSeen = clock.relativeTimeMillis();
        this.resumedAt = lastSampleSeen;
    }

    @Override
    public void onEvent(Either<DeadLetter, Sample> line, long timestamp, WatermarkOutput output) {
        if (line.isLeft()) {
            return;
        }
        long now = clock.relativeTimeMillis();
        if (now - lastSampleSeen >= idleAfterMillis) {
            resumedAt = now;
        }
        lastSampleSeen = now;
        newestSample = Math.max(newestSample, timestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.relativeTimeMillis();
        if (now - lastSampleSeen >= idleAfterMillis) {
            output.markIdle();
            return;
        }
        if (now - resumedAt >= graceMillis && newestSample != Long.MIN_VALUE) {
            watermark = Math.max(watermark, newestSample - boundMillis - 1);
        }
        output.emitWatermark(new Watermark(watermark));
    }
}
