package io.pensu.flink.output;

import io.pensu.flink.input.DeadLetter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a rejected line as JSON for the dead-letter topic. */
public final class DeadLetters {

    private DeadLetters() {}

    /** The dead letter, keyed by its metric name (null when the line never got that far). */
    public static KeyedText toJson(DeadLetter deadLetter) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("reason", deadLetter.reason().code());
        json.put("message", deadLetter.message());
        json.put("raw", deadLetter.raw());
        json.put("metric", deadLetter.metric());
        ObjectNode source = json.putObject("source");
        source.put("topic", deadLetter.topic());
        source.put("partition", deadLetter.partition());
        source.put("offset", deadLetter.offset());
        // JsonNode.toString() writes standard JSON since Jackson 2.10.
        return new KeyedText(deadLetter.metric(), json.toString());
    }
}
