package io.pensu.flink.job;

import io.pensu.flink.output.KeyedText;

import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go; production passes Kafka sinks, tests pass their own.
 *
 * @param anomalyMetrics Graphite lines: score, likelihood, direction
 * @param predictionMetrics Graphite lines: prediction, confidence
 * @param anomalyReports JSON reports of anomalous samples
 * @param deadLetters JSON documents of rejected input
 * @param heartbeats the consumed topic's name, every PENSU_TOPICS_REPORT_INTERVAL seconds
 */
public record OutputSinks(
        Sink<KeyedText> anomalyMetrics,
        Sink<KeyedText> predictionMetrics,
        Sink<KeyedText> anomalyReports,
        Sink<KeyedText> deadLetters,
        Sink<KeyedText> heartbeats) {}
