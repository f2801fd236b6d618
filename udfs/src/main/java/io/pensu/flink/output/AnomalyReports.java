package io.pensu.flink.output;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.Prediction;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Writes an anomalous detection as Pensu's JSON anomaly report, with clean key names, ISO-8601 UTC
 * timestamps and a report id that a replay after a failure reproduces.
 */
public final class AnomalyReports {

    private AnomalyReports() {}

    /** The report, keyed by the input metric name; fields in a fixed order. */
    public static KeyedText toJson(Detection detection) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("report_id", reportId(detection).toString());
        report.put("reporter", "pensu");
        putMetric(report.putObject("metric"), detection.metric());
        ObjectNode metaData = report.putObject("meta_data");
        putNumber(metaData, "htm_anomaly_score", detection.anomalyScore());
        putNumber(metaData, "htm_anomaly_likelihood", detection.anomalyLikelihood());
        putNumber(
                metaData,
                "anomaly_score",
                detection.anomalyLikelihood() * detection.direction() * 100);
        metaData.put("spatial_anomaly", detection.spatialAnomaly());
        metaData.put("timestamp", isoUtc(detection.timestampMillis()));
        metaData.put("metric", detection.metric());
        putNumber(metaData, "value", detection.value());
        putNumber(metaData, "expected_value", detection.expectedValue());
        Prediction prediction = detection.prediction();
        if (prediction == null) {
            metaData.putNull("prediction");
        } else {
            ObjectNode predicted = metaData.putObject("prediction");
            predicted.put("timestamp", isoUtc(prediction.timestampMillis()));
            putNumber(predicted, "value", prediction.value());
            putNumber(predicted, "confidence_level", prediction.confidence());
        }
        // JsonNode.toString() writes standard JSON since Jackson 2.10.
        return new KeyedText(detection.metric(), report.toString());
    }

    /** Carbon metric names hold no spaces, so "name millis" identifies one sample unambiguously. */
    private static UUID reportId(Detection detection) {
        String sample = detection.metric() + " " + detection.timestampMillis();
        return UUID.nameUUIDFromBytes(sample.getBytes(StandardCharsets.UTF_8));
    }

    /** Pensu's parsed name: the family is every dot component but the last, the item the last. */
    private static void putMetric(ObjectNode metric, String name) {
        int lastDot = name.lastIndexOf('.');
        metric.put("name", name);
        metric.put("family", lastDot < 0 ? "" : name.substring(0, lastDot));
        metric.put("item", name.substring(lastDot + 1));
    }

    /** JSON has no NaN or infinity; those, like an absent value, are written as null. */
    private static void putNumber(ObjectNode node, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String isoUtc(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
    }
}
