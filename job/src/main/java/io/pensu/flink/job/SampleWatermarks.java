package io.pensu.flink.job;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;
import org.apache.flink.util.clock.SystemClock;

import java.time.Duration;

/**
 * The metrics source's watermarks, generated per Kafka partition from the carbon timestamps of the
 * samples: with a bound of {@code maxOutOfOrderness}, a sample may come up to that long after a
 * newer one of its partition and still be processed in order.
 *
 * <p>A partition that sends no sample for the bound is idle and holds no one back: live, a sample
 * it sends later is still within the bound of the others' watermark unless it is late anyway; one
 * that sends again holds its watermark for {@link #RESUME_GRACE} ({@link ResumingWatermarks}).
 * During catch-up, a partition whose watermark runs {@link #MAX_DRIFT} ahead of the slowest is
 * paused, so the samples waiting in the detector for the slowest stay within {@code
 * maxOutOfOrderness + MAX_DRIFT} of event time per metric.
 */
final class SampleWatermarks {

    /**
     * Bounds how far a partition may read ahead: ten minutes of event time are ten samples per
     * metric at one a minute, small state, while a backlog is still read at up to ten minutes of
     * event time per alignment round (one second), far faster than models learn.
     */
    static final Duration MAX_DRIFT = Duration.ofMinutes(10);

    /**
     * How long a partition that sends again after being idle holds its watermark: long enough for
     * partitions whose producers resumed together to be read again (their records come seconds
     * apart at most), short against the bound, so that it adds nothing to a live stream's latency.
     */
    static final Duration RESUME_GRACE = Duration.ofSeconds(10);

    private static final String ALIGNMENT_GROUP = "pensu-metrics";

    private SampleWatermarks() {}

    /** No watermarks for a bound of zero: samples are then processed as they arrive. */
    static WatermarkStrategy<Either<DeadLetter, Sample>> strategy(Duration maxOutOfOrderness) {
        if (maxOutOfOrderness.isZero()) {
            return WatermarkStrategy.noWatermarks();
        }
        Duration grace =
                maxOutOfOrderness.compareTo(RESUME_GRACE) < 0 ? maxOutOfOrderness : RESUME_GRACE;
        return WatermarkStrategy.<Either<DeadLetter, Sample>>forGenerator(
                        context ->
                                new ResumingWatermarks(
                                        maxOutOfOrderness,
                                        maxOutOfOrderness,
                                        grace,
                                        SystemClock.getInstance()))
                .withTimestampAssigner(
                        (line, kafkaTimestamp) ->
                                line.isRight() ? line.right().timestampMillis() : kafkaTimestamp)
                .withWatermarkAlignment(ALIGNMENT_GROUP, MAX_DRIFT);
    }
}
