package io.pensu.flink.job.kafka;

import org.apache.flink.connector.base.DeliveryGuarantee;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConnectorsTest {

    @Test
    void exactlyOnceProducersWaitForFullerBatches() {
        assertThat(KafkaConnectors.producerProperties(DeliveryGuarantee.EXACTLY_ONCE, Map.of()))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "100")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    }

    @Test
    void atLeastOnceProducersSendAsSoonAsKafkaDoesByDefault() {
        assertThat(KafkaConnectors.producerProperties(DeliveryGuarantee.AT_LEAST_ONCE, Map.of()))
                .doesNotContainKeys(
                        ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.BATCH_SIZE_CONFIG);
    }

    @Test
    void theUsersProducerSettingsWin() {
        assertThat(
                        KafkaConnectors.producerProperties(
                                DeliveryGuarantee.EXACTLY_ONCE,
                                Map.of(
                                        ProducerConfig.LINGER_MS_CONFIG,
                                        "5",
                                        "security.protocol",
                                        "SSL")))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "262144")
                .containsEntry("security.protocol", "SSL");
    }
}
