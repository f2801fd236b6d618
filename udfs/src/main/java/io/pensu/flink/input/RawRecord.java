package io.pensu.flink.input;

/**
 * One Kafka record of the metrics topic, undecoded, with where it came from so that a rejection can
 * point back at it.
 *
 * @param payload the record value; carbon clients may batch several lines into one record
 * @param timestamp the Kafka record's timestamp (epoch milliseconds), or {@link #NO_TIMESTAMP}
 */
public record RawRecord(byte[] payload, String topic, int partition, long offset, long timestamp) {

    /** Kafka's value for a record without a timestamp: old message formats and some clients. */
    public static final long NO_TIMESTAMP = -1L;

    public boolean hasTimestamp() {
        return timestamp >= 0;
    }
}
