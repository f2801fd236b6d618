package io.pensu.flink.input;

import java.util.List;

/**
 * What one Kafka record of carbon lines turned into.
 *
 * @param samples the accepted lines, in input order
 * @param deadLetters the rejected lines (or the whole record), in input order
 */
public record ParsedRecord(List<Sample> samples, List<DeadLetter> deadLetters) {

    public ParsedRecord {
        samples = List.copyOf(samples);
        deadLetters = List.copyOf(deadLetters);
    }
}
