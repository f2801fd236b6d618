package io.pensu.flink.input;

/**
 * A rejected line (or record, when it could not be split into lines) on its way to the dead-letter
 * topic.
 *
 * @param reason why it was rejected
 * @param message a sentence for a person, naming what was wrong
 * @param raw the rejected text (lossily decoded when it was not valid UTF-8; truncated when
 *     oversized)
 * @param metric the metric name when the line got that far and the name follows Graphite's rules,
 *     else null; used as the Kafka key
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 */
public record DeadLetter(
        RejectReason reason,
        String message,
        String raw,
        String metric,
        String topic,
        int partition,
        long offset) {}
