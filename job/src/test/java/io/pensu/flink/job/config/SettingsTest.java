package io.pensu.flink.job.config;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTest {

    @Test
    void everySettingHasAPensuNameOfItsOwnAndADescription() {
        Set<String> names = new HashSet<>();
        for (Setting<?> setting : Settings.all()) {
            assertThat(setting.name()).startsWith("PENSU_");
            assertThat(names.add(setting.name())).as("unique " + setting).isTrue();
            assertThat(setting.description()).as(setting.name()).isNotBlank().endsWith(".");
        }
        assertThat(names).as("the settings of the last release").hasSize(52);
    }

    @Test
    void everyDefaultPassesItsOwnValidation() {
        for (Setting<?> setting : Settings.all()) {
            if (setting.defaultValue() != null) {
                assertThat(setting.type().parser().apply(setting.defaultValue()))
                        .as(setting.name() + " default")
                        .isNotNull();
            }
        }
    }

    @Test
    void namedFindsEverySettingAndNothingElse() {
        Settings.all().forEach(s -> assertThat(Settings.named(s.name())).isSameAs(s));
        assertThat(Settings.named("PENSU_PREDICTION_STEP")).isNull();
    }

    @Test
    void theSixTopicsAreTheTopicSettings() {
        assertThat(Settings.topics())
                .containsExactly(
                        Settings.METRICS_KAFKA_TOPIC,
                        Settings.ANOMALIES_METRICS_KAFKA_TOPIC,
                        Settings.REPORTED_ANOMALIES_KAFKA_TOPIC,
                        Settings.PREDICTION_METRICS_KAFKA_TOPIC,
                        Settings.TOPICS_KAFKA_TOPIC,
                        Settings.DEAD_LETTER_KAFKA_TOPIC);
    }
}
