package io.pensu.flink.output;

/**
 * One output record: a Graphite line, a JSON document or a heartbeat, with its Kafka key (the input
 * metric name, or null where there is none).
 */
public record KeyedText(String key, String value) {}
