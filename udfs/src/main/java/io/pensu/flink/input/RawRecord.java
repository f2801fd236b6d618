package io.pensu.flink.input;

/**
 * One Kafka record of the metrics topic, undecoded, with where it came from so that a rejection can
 * point back at it.
 *
 * @param payload the record value; carbon clients may batch several lines into one record
 */
public record RawRecord(byte[] payload, String topic, int partition, long offset) {}
