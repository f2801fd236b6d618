package io.pensu.flink.model.htmjava;

import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.NetworkParameters;

import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.numenta.nupic.encoders.DateEncoder;
import org.numenta.nupic.encoders.RandomDistributedScalarEncoder;

/**
 * Encodes a sample into the spatial pooler's input: the value's random distributed scalar encoding
 * followed by the time of day.
 */
final class InputEncoder {

    private final RandomDistributedScalarEncoder value;
    private final DateEncoder timeOfDay;

    /**
     * @param value the value encoder; it grows buckets on demand, so it is part of a network's
     *     state
     */
    InputEncoder(RandomDistributedScalarEncoder value, NetworkParameters parameters) {
        this.value = value;
        this.timeOfDay =
                DateEncoder.builder()
                        .timeOfDay(
                                parameters.timeOfDayActiveBits(), parameters.timeOfDayRadiusHours())
                        .build();
    }

    /**
     * A value encoder for {@code range}. Its offset is the middle of the range: the encoder clips
     * at 500 buckets either side of the offset, so centring gives values outside the learned range
     * the same room upwards as downwards, whichever value happens to come first.
     */
    static RandomDistributedScalarEncoder valueEncoder(
            NetworkParameters parameters, EncoderRange range, long seed) {
        return ((RandomDistributedScalarEncoder.Builder) RandomDistributedScalarEncoder.builder())
                .setOffset((range.min() + range.max()) / 2)
                .setSeed(seed)
                .n(parameters.valueBits())
                .w(parameters.valueActiveBits())
                .resolution(range.resolution())
                .name("value")
                .build();
    }

    int width() {
        return value.getWidth() + timeOfDay.getWidth();
    }

    RandomDistributedScalarEncoder valueEncoder() {
        return value;
    }

    /**
     * The input bits for one sample.
     *
     * @param timestampMillis read as UTC wall clock time; callers shift it for other time zones
     */
    int[] encode(long timestampMillis, double sample) {
        if (!Double.isFinite(sample)) {
            throw new IllegalArgumentException("cannot encode the value " + sample);
        }
        int[] bits = new int[width()];
        // Not value.encodeIntoArray: it prints and swallows a failure to create a bucket,
        // leaving the value bits empty.
        int bucket = value.getBucketIndices(sample)[0];
        for (int bit : value.mapBucketIndexToNonZeroBits(bucket)) {
            bits[bit] = 1;
        }
        int[] time = timeOfDay.encode(new DateTime(timestampMillis, DateTimeZone.UTC));
        System.arraycopy(time, 0, bits, value.getWidth(), time.length);
        return bits;
    }
}
