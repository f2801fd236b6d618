package io.pensu.flink.job;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.Sample;

import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;

import java.time.Duration;

/**
 * The metrics source's watermarks, generated per Kafka partition from the carbon timestamps of the
 * samples: with a bound of {@code maxOutOfOrderness}, a sample may come up to that long after a
 * newer one of its partition and still be processed in order.
 *
 * <p>A partition that sends nothing for the bound is idle and holds no one back: live, a sample it
 * sends later is still within the bound of the others' watermark unless it is late anyway. During
 * catch-up, a partition whose watermark runs {@link #MAX_DRIFT} ahead of the slowest is paused, so
 * the samples waiting in the detector for the slowest stay within {@code maxOutOfOrderness +
 * MAX_DRIFT} of event time per metric.
 */
final class SampleWatermarks {

    /**
     * Bounds how far a partition may read ahead: ten minutes of event time are ten samples per
     * metric at one a minute, small state, while a backlog is still read at up to ten minutes of
     * event time per alignment round (one second), far faster than models learn.
     */
    static final Duration MAX_DRIFT = Duration.ofMinutes(10);

    private static final String ALIGNMENT_GROUP = "pensu-metrics";

    private SampleWatermarks() {}

    /** No watermarks for a bound of zero: samples are then processed as they arrive. */
    static WatermarkStrategy<Either<DeadLetter, Sample>> strategy(Duration maxOutOfOrderness) {
        if (maxOutOfOrderness.isZero()) {
            return WatermarkStrategy.noWatermarks();
        }
        return WatermarkStrategy.<Either<DeadLetter, Sample>>forGenerator(
                        context ->
                                new SamplesOnly(
                                        new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness)))
                .withTimestampAssigner(
                        (line, kafkaTimestamp) ->
                                line.isRight() ? line.right().timestampMillis() : kafkaTimestamp)
                .withIdleness(maxOutOfOrderness)
                .withWatermarkAlignment(ALIGNMENT_GROUP, MAX_DRIFT);
    }

    /** Dead letters have no carbon timestamp to trust: they do not move the watermark. */
    private static final class SamplesOnly
            implements WatermarkGenerator<Either<DeadLetter, Sample>> {

        private final WatermarkGenerator<Either<DeadLetter, Sample>> samples;

        SamplesOnly(WatermarkGenerator<Either<DeadLetter, Sample>> samples) {
            this.samples = samples;
        }

        @Override
        public void onEvent(
                Either<DeadLetter, Sample> line, long timestamp, WatermarkOutput output) {
            if (line.isRight()) {
                samples.onEvent(line, timestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            samples.onPeriodicEmit(output);
        }
    }
}
