package io.pensu.flink.output;

import io.pensu.flink.detect.Detection;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Turns each detection into the Graphite lines of one output topic. */
public final class FormatGraphiteLines implements FlatMapFunction<Detection, KeyedText> {

    /** The two Graphite output topics. */
    public enum Lines {
        /** score, likelihood, direction at the sample's timestamp */
        ANOMALY,
        /** prediction and confidence at the predicted timestamp */
        PREDICTION
    }

    private final GraphiteLines graphite;
    private final Lines lines;

    public FormatGraphiteLines(String template, Lines lines) {
        this.graphite = new GraphiteLines(template);
        this.lines = lines;
    }

    @Override
    public void flatMap(Detection detection, Collector<KeyedText> out) {
        (lines == Lines.ANOMALY
                        ? graphite.anomalyLines(detection)
                        : graphite.predictionLines(detection))
                .forEach(out::collect);
    }
}
