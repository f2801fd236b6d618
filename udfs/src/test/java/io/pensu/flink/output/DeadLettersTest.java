package io.pensu.flink.output;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.RejectReason;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    @Test
    void writesReasonMessageRawMetricAndSourceKeyedByMetric() {
        DeadLetter deadLetter =
                new DeadLetter(
                        RejectReason.UNPARSABLE_VALUE,
                        "value 'x' is not a number",
                        "a.b x 10",
                        "a.b",
                        "metrics",
                        2,
                        1234L);

        KeyedText json = DeadLetters.toJson(deadLetter);

        assertThat(json.key()).isEqualTo("a.b");
        assertThat(json.value())
                .isEqualTo(
                        "{\"reason\":\"unparsable_value\","
                                + "\"message\":\"value 'x' is not a number\","
                                + "\"raw\":\"a.b x 10\","
                                + "\"metric\":\"a.b\","
                                + "\"source\":{\"topic\":\"metrics\",\"partition\":2,"
                                + "\"offset\":1234}}");
    }

    @Test
    void writesANullMetricAndKeyWhenTheLineNeverGotThatFar() {
        DeadLetter deadLetter =
                new DeadLetter(
                        RejectReason.INVALID_UTF8,
                        "not UTF-8",
                        "a\uFFFD\t\"q\"\n",
                        null,
                        "metrics",
                        0,
                        7L);

        KeyedText json = DeadLetters.toJson(deadLetter);

        assertThat(json.key()).isNull();
        assertThat(json.value())
                .isEqualTo(
                        "{\"reason\":\"invalid_utf8\","
                                + "\"message\":\"not UTF-8\","
                                + "\"raw\":\"a\uFFFD\\t\\\"q\\\"\\n\","
                                + "\"metric\":null,"
                                + "\"source\":{\"topic\":\"metrics\",\"partition\":0,"
                                + "\"offset\":7}}");
    }
}
