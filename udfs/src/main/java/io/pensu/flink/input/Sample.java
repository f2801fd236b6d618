package io.pensu.flink.input;

/**
 * One accepted carbon line.
 *
 * @param metric full metric name, e.g. {@code webservers.main-website.perf.cpu.usage}
 * @param timestampMillis epoch milliseconds (carbon sends seconds, possibly with decimals)
 * @param value finite sample value
 * @param line the line as received, for a dead letter if the detector rejects the sample
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 */
public record Sample(
        String metric,
        long timestampMillis,
        double value,
        String line,
        String topic,
        int partition,
        long offset) {}
