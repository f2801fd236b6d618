package io.pensu.flink.input;

import java.io.Serializable;

/**
 * How much of the input the parser accepts.
 *
 * @param maxLineBytes longest accepted line, in UTF-8 bytes
 * @param maxRecordBytes longest accepted Kafka record value, checked before anything is decoded
 * @param maxTimestampAheadMillis how far a sample's timestamp may lie after its Kafka record's
 */
public record InputLimits(int maxLineBytes, int maxRecordBytes, long maxTimestampAheadMillis)
        implements Serializable {

    /**
     * The largest {@code maxLineBytes}. Outputs copy from a line: a dead letter holds it whole, and
     * JSON writes a control character as 6 bytes ({@code \u0001}), so with the metric name and the
     * Kafka key a dead letter takes up to about 9 times the line. 64 KiB keeps every output well
     * under the producer's default max.request.size of 1 MiB.
     */
    public static final int LARGEST_MAX_LINE_BYTES = 65_536;

    public InputLimits {
        if (maxLineBytes < 1 || maxLineBytes > LARGEST_MAX_LINE_BYTES) {
            throw new IllegalArgumentException(
                    "the maximum line length must be 1 to "
                            + LARGEST_MAX_LINE_BYTES
                            + " bytes, got "
                            + maxLineBytes);
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException(
                    "the maximum record size must be at least 1 byte, got " + maxRecordBytes);
        }
        if (maxTimestampAheadMillis < 0) {
            throw new IllegalArgumentException(
                    "the tolerance for timestamps ahead of their record must not be negative, got "
                            + maxTimestampAheadMillis
                            + " ms");
        }
    }
}
