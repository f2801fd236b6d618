package io.pensu.flink.job.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaNamesTest {

    @Test
    void acceptsLegalTopicNames() {
        assertThat(KafkaNames.topic("pensu.htm-anomaly_metrics.2")).isNotNull();
        assertThat(KafkaNames.topic("...")).isNotNull();
        assertThat(KafkaNames.topic("t".repeat(249))).isNotNull();
    }

    @Test
    void rejectsIllegalTopicNames() {
        assertThat(KafkaNames.topic(".")).isNull();
        assertThat(KafkaNames.topic("..")).isNull();
        assertThat(KafkaNames.topic("t".repeat(250))).isNull();
        assertThat(KafkaNames.topic("a/b")).isNull();
        assertThat(KafkaNames.topic("ä")).isNull();
    }

    @Test
    void acceptsServerLists() {
        assertThat(KafkaNames.servers("kafka:9092")).isEqualTo("kafka:9092");
        assertThat(KafkaNames.servers("a:1, b:65535")).isEqualTo("a:1,b:65535");
        assertThat(KafkaNames.servers("10.0.0.1:9092,[fe80::1]:9093"))
                .isEqualTo("10.0.0.1:9092,[fe80::1]:9093");
    }

    @Test
    void rejectsMalformedServerLists() {
        assertThat(KafkaNames.servers("kafka")).isNull();
        assertThat(KafkaNames.servers(":9092")).isNull();
        assertThat(KafkaNames.servers("kafka:")).isNull();
        assertThat(KafkaNames.servers("kafka:0")).isNull();
        assertThat(KafkaNames.servers("kafka:65536")).isNull();
        assertThat(KafkaNames.servers("kafka:99999999999")).isNull();
        assertThat(KafkaNames.servers("kafka:9092,")).isNull();
        assertThat(KafkaNames.servers("kaf ka:9092")).isNull();
        assertThat(KafkaNames.servers("kafka:٩٠٩٢")).isNull();
    }
}
