package io.pensu.flink.job.config;

import io.pensu.flink.detect.OutOfOrderPolicy;
import io.pensu.flink.detect.StateLimits;
import io.pensu.flink.input.InputLimits;
import io.pensu.flink.job.DetectionTopology;

import org.apache.flink.connector.base.DeliveryGuarantee;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PensuConfigTest {

    private static final Clock STARTED =
            Clock.fixed(Instant.ofEpochSecond(1587617182L), ZoneOffset.UTC);
    private static final String HOST = "worker-1";
    private static final String[] NO_ARGS = {};

    private static PensuConfig load(Map<String, String> environment, String... args) {
        return PensuConfig.load(environment, args, STARTED, HOST);
    }

    @Test
    void modelCacheHoldsAboutTheSameHeapOfModelsWhicheverTheEngine() {
        assertThat(load(Map.of()).get(Settings.MODEL_CACHE_SIZE)).isEqualTo(256);
        assertThat(load(Map.of("PENSU_HTM_ENGINE", "htm.java")).get(Settings.MODEL_CACHE_SIZE))
                .isEqualTo(16);
        assertThat(
                        load(Map.of("PENSU_HTM_ENGINE", "htm.java", "PENSU_MODEL_CACHE_SIZE", "3"))
                                .get(Settings.MODEL_CACHE_SIZE))
                .isEqualTo(3);
    }

    private static ConfigException failure(Map<String, String> environment, String... args) {
        return catchThrowableOfType(ConfigException.class, () -> load(environment, args));
    }

    @Test
    void defaultsAreThoseOfPensuAndOurs() {
        PensuConfig c = load(Map.of());

        assertThat(c.get(Settings.METRICS_KAFKA_TOPIC)).isEqualTo("metrics");
        assertThat(c.get(Settings.ANOMALIES_METRICS_KAFKA_TOPIC)).isEqualTo("pensu_anomalies");
        assertThat(c.get(Settings.REPORTED_ANOMALIES_KAFKA_TOPIC))
                .isEqualTo("pensu.htm.anomaly_metrics");
        assertThat(c.get(Settings.PREDICTION_METRICS_KAFKA_TOPIC))
                .isEqualTo("pensu.htm.predictions");
        assertThat(c.get(Settings.TOPICS_KAFKA_TOPIC)).isEqualTo("pensu_monitored_topics");
        assertThat(c.get(Settings.DEAD_LETTER_KAFKA_TOPIC)).isEqualTo("pensu_dead_letters");
        assertThat(c.get(Settings.TOPICS_REPORT_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.get(Settings.METRIC_NAMES_TEMPLATE))
                .isEqualTo("pensu.{{#anomaly_metric}}.metrics_analyzer");
        assertThat(c.get(Settings.ALLOWED_TO_WORK_ON_METRICS).pattern()).isEqualTo(".*");
        assertThat(c.get(Settings.MAX_ALLOWED_MODELS)).isEqualTo(10);
        assertThat(c.get(Settings.MIN_SECONDS_BETWEEN_OVER_QUOTA_LOG_MSG))
                .isEqualTo(Duration.ofSeconds(300));
        assertThat(c.get(Settings.METRIC_IDLE_TIMEOUT)).isEqualTo(Duration.ofDays(7));
        assertThat(c.get(Settings.PREDICTION_STEPS)).isEqualTo(5);
        assertThat(c.get(Settings.ANOMALY_SCORE_THRESHOLD)).isEqualTo(0.99);
        assertThat(c.get(Settings.ANOMALY_LIKELIHOOD_THRESHOLD)).isEqualTo(0.99999);
        assertThat(c.get(Settings.MINIMUM_CONFIDENCE_FOR_REPORTING)).isEqualTo(0.9);
        assertThat(c.get(Settings.KAFKA_CONSUMER_SERVER)).isEqualTo("kafka:9092");
        assertThat(c.get(Settings.KAFKA_PRODUCER_SERVER)).isEqualTo("kafka:9092");
        assertThat(c.consumerProperties()).isEmpty();
        assertThat(c.producerProperties()).isEmpty();
        assertThat(c.get(Settings.KAFKA_CONSUMER_GROUP)).isEqualTo("pensu");
        assertThat(c.get(Settings.DELIVERY_GUARANTEE)).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(c.get(Settings.TRANSACTIONAL_ID_PREFIX)).matches("pensu-[0-9a-f]{8}");
        assertThat(c.getOptional(Settings.CHECKPOINT_INTERVAL)).isEmpty();
        assertThat(c.get(Settings.OUT_OF_ORDER_POLICY)).isEqualTo(OutOfOrderPolicy.REJECT);
        assertThat(c.get(Settings.MAX_LINE_BYTES)).isEqualTo(4096);
        assertThat(c.get(Settings.MAX_RECORD_BYTES)).isEqualTo(1_048_576);
        assertThat(c.get(Settings.MAX_TIMESTAMP_AHEAD)).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.get(Settings.MAX_OUT_OF_ORDERNESS)).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.get(Settings.ENCODER_LEARNING_SAMPLES)).isEqualTo(288);
        assertThat(c.get(Settings.SNAPSHOT_INTERVAL_SAMPLES)).isEqualTo(1000);
        assertThat(c.get(Settings.SNAPSHOT_AFTER_REPLAY_SAMPLES)).isEqualTo(8);
        assertThat(c.get(Settings.MODEL_CACHE_SIZE)).isEqualTo(256);
        assertThat(c.get(Settings.HTM_ENGINE)).isEqualTo("compact");
        assertThat(c.get(Settings.MODEL_PARAMETERS).resolve("a.b").shared()).isTrue();
        assertThat(c.get(Settings.SPATIAL_ANOMALY_TOLERANCE)).hasValue(0.05);
        assertThat(c.get(Settings.LIKELIHOOD_LEARNING_PERIOD)).isEqualTo(288);
        assertThat(c.get(Settings.LIKELIHOOD_ESTIMATION_SAMPLES)).isEqualTo(100);
        assertThat(c.get(Settings.LIKELIHOOD_HISTORY)).isEqualTo(8640);
        assertThat(c.get(Settings.LIKELIHOOD_REESTIMATION_PERIOD)).isEqualTo(100);
        assertThat(c.get(Settings.CLASSIFIER_ALPHA)).isEqualTo(0.1);
        assertThat(c.get(Settings.TIMEZONE)).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.get(Settings.MAX_PARALLELISM)).isEqualTo(128);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void readsValuesFromTheEnvironment() {
        PensuConfig c =
                load(
                        Map.of(
                                "PENSU_PREDICTION_STEPS", "12",
                                "PENSU_DELIVERY_GUARANTEE", "at-least-once",
                                "PENSU_OUT_OF_ORDER_POLICY", "process",
                                "PENSU_TIMEZONE", "Europe/Berlin",
                                "PENSU_ALLOWED_TO_WORK_ON_METRICS", "servers\\..*"));

        assertThat(c.get(Settings.PREDICTION_STEPS)).isEqualTo(12);
        assertThat(c.get(Settings.DELIVERY_GUARANTEE)).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(c.get(Settings.OUT_OF_ORDER_POLICY)).isEqualTo(OutOfOrderPolicy.PROCESS);
        assertThat(c.get(Settings.TIMEZONE)).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.get(Settings.ALLOWED_TO_WORK_ON_METRICS).matcher("servers.a.cpu").lookingAt())
                .isTrue();
    }

    @Test
    void givesTheParserTheInputLimits() {
        PensuConfig c =
                load(
                        Map.of(
                                "PENSU_MAX_LINE_BYTES", "65536",
                                "PENSU_MAX_RECORD_BYTES", "16777216",
                                "PENSU_MAX_TIMESTAMP_AHEAD", "30"));

        assertThat(DetectionTopology.inputLimits(c))
                .isEqualTo(new InputLimits(65_536, 16_777_216, 30_000L));
    }

    @Test
    void argumentsOverrideTheEnvironment() {
        PensuConfig c =
                load(
                        Map.of("PENSU_PREDICTION_STEPS", "12", "PENSU_MAX_ALLOWED_MODELS", "3"),
                        "--PENSU_PREDICTION_STEPS",
                        "7");

        assertThat(c.get(Settings.PREDICTION_STEPS)).isEqualTo(7);
        assertThat(c.get(Settings.MAX_ALLOWED_MODELS)).isEqualTo(3);
    }

    @Test
    void theQuotaAndTheIdleTimeoutReachTheDetectorAndZeroTurnsExpiryOff() {
        PensuConfig c =
                load(Map.of("PENSU_MAX_ALLOWED_MODELS", "40", "PENSU_METRIC_IDLE_TIMEOUT", "0"));

        assertThat(DetectionTopology.detectorSettings(c).limits())
                .isEqualTo(new StateLimits(40, Duration.ZERO, Duration.ofSeconds(300)));
    }

    @Test
    void goodArgumentOverridesBadEnvironmentValue() {
        PensuConfig c =
                load(Map.of("PENSU_PREDICTION_STEPS", "five"), "--PENSU_PREDICTION_STEPS", "7");

        assertThat(c.get(Settings.PREDICTION_STEPS)).isEqualTo(7);
    }

    @Test
    void emptyOrBlankValueMeansTheDefault() {
        PensuConfig c =
                load(Map.of("PENSU_PREDICTION_STEPS", "", "PENSU_METRICS_KAFKA_TOPIC", "  "));

        assertThat(c.get(Settings.PREDICTION_STEPS)).isEqualTo(5);
        assertThat(c.get(Settings.METRICS_KAFKA_TOPIC)).isEqualTo("metrics");
    }

    @Test
    void valuesAreTrimmed() {
        PensuConfig c = load(Map.of("PENSU_PREDICTION_STEPS", " 8 \n"));

        assertThat(c.get(Settings.PREDICTION_STEPS)).isEqualTo(8);
    }

    @Test
    void unknownPensuArgumentIsAnError() {
        assertThat(failure(Map.of(), "--PENSU_PREDICTION_STEP", "7").problems())
                .containsExactly(
                        "Unknown program argument --PENSU_PREDICTION_STEP; arguments are"
                                + " --PENSU_... variables");
    }

    @Test
    void otherArgumentIsAnErrorToo() {
        assertThat(failure(Map.of(), "--parallelism", "2").getMessage())
                .contains("Unknown program argument --parallelism");
    }

    @Test
    void argumentWithoutValueIsAnError() {
        assertThat(failure(Map.of(), "--PENSU_PREDICTION_STEPS").problems())
                .containsExactly("Program argument --PENSU_PREDICTION_STEPS needs a value");
    }

    @Test
    void argumentsThatAreNotPairsAreAnError() {
        assertThat(failure(Map.of(), "PENSU_PREDICTION_STEPS=7").getMessage())
                .contains("Program arguments must be --PENSU_... value pairs");
    }

    @Test
    void unknownPensuEnvironmentVariableOnlyWarns() {
        PensuConfig c = load(Map.of("PENSU_PREDICTION_STEP", "7", "PATH", "/bin"));

        assertThat(c.get(Settings.PREDICTION_STEPS)).isEqualTo(5);
        assertThat(c.warnings())
                .containsExactly("Unknown environment variable PENSU_PREDICTION_STEP is ignored");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(
                        "PENSU_PREDICTION_STEPS",
                        "five",
                        "PENSU_PREDICTION_STEPS must be an integer between 1 and 100, got 'five'"),
                Arguments.of(
                        "PENSU_PREDICTION_STEPS",
                        "101",
                        "PENSU_PREDICTION_STEPS must be an integer between 1 and 100, got '101'"),
                Arguments.of(
                        "PENSU_MAX_ALLOWED_MODELS",
                        "0",
                        "PENSU_MAX_ALLOWED_MODELS must be an integer >= 1, got '0'"),
                Arguments.of(
                        "PENSU_METRIC_IDLE_TIMEOUT",
                        "-1",
                        "PENSU_METRIC_IDLE_TIMEOUT must be an integer >= 0, got '-1'"),
                Arguments.of(
                        "PENSU_TOPICS_REPORT_INTERVAL",
                        "-1",
                        "PENSU_TOPICS_REPORT_INTERVAL must be an integer >= 0, got '-1'"),
                Arguments.of(
                        "PENSU_MAX_LINE_BYTES",
                        "63",
                        "PENSU_MAX_LINE_BYTES must be an integer between 64 and 65536, got '63'"),
                Arguments.of(
                        "PENSU_MAX_LINE_BYTES",
                        "65537",
                        "PENSU_MAX_LINE_BYTES must be an integer between 64 and 65536, got"
                                + " '65537'"),
                Arguments.of(
                        "PENSU_MAX_RECORD_BYTES",
                        "16777217",
                        "PENSU_MAX_RECORD_BYTES must be an integer between 64 and 16777216, got"
                                + " '16777217'"),
                Arguments.of(
                        "PENSU_MAX_TIMESTAMP_AHEAD",
                        "-1",
                        "PENSU_MAX_TIMESTAMP_AHEAD must be an integer >= 0, got '-1'"),
                Arguments.of(
                        "PENSU_MAX_OUT_OF_ORDERNESS",
                        "3601",
                        "PENSU_MAX_OUT_OF_ORDERNESS must be an integer between 0 and 3600, got"
                                + " '3601'"),
                Arguments.of(
                        "PENSU_MAX_OUT_OF_ORDERNESS",
                        "-1",
                        "PENSU_MAX_OUT_OF_ORDERNESS must be an integer between 0 and 3600, got"
                                + " '-1'"),
                Arguments.of(
                        "PENSU_ANOMALY_SCORE_THRESHOLD",
                        "1.5",
                        "PENSU_ANOMALY_SCORE_THRESHOLD must be a number between 0 and 1, got '1.5'"),
                Arguments.of(
                        "PENSU_ANOMALY_LIKELIHOOD_THRESHOLD",
                        "NaN",
                        "PENSU_ANOMALY_LIKELIHOOD_THRESHOLD must be a number between 0 and 1, got"
                                + " 'NaN'"),
                Arguments.of(
                        "PENSU_CLASSIFIER_ALPHA",
                        "0",
                        "PENSU_CLASSIFIER_ALPHA must be a number > 0 and <= 1, got '0'"),
                Arguments.of(
                        "PENSU_METRICS_KAFKA_TOPIC",
                        "my topic",
                        "PENSU_METRICS_KAFKA_TOPIC must be a Kafka topic name (1 to 249 characters"
                                + " of a-z A-Z 0-9 . _ -, not '.' or '..'), got 'my topic'"),
                Arguments.of(
                        "PENSU_DEAD_LETTER_KAFKA_TOPIC",
                        "..",
                        "PENSU_DEAD_LETTER_KAFKA_TOPIC must be a Kafka topic name"),
                Arguments.of(
                        "PENSU_PREDICTION_METRICS_KAFKA_TOPIC",
                        "p".repeat(250),
                        "PENSU_PREDICTION_METRICS_KAFKA_TOPIC must be a Kafka topic name"),
                Arguments.of(
                        "PENSU_TRANSACTIONAL_ID_PREFIX",
                        "pensu/1",
                        "PENSU_TRANSACTIONAL_ID_PREFIX must be 1 to 249 characters of a-z A-Z 0-9"
                                + " . _ -, got 'pensu/1'"),
                Arguments.of(
                        "PENSU_METRIC_NAMES_TEMPLATE",
                        "pensu.metrics_analyzer",
                        "PENSU_METRIC_NAMES_TEMPLATE must be a metric name containing"
                                + " {{#anomaly_metric}} and no blanks, got 'pensu.metrics_analyzer'"),
                Arguments.of(
                        "PENSU_ALLOWED_TO_WORK_ON_METRICS",
                        "servers.(",
                        "PENSU_ALLOWED_TO_WORK_ON_METRICS must be a Java regular expression, got"
                                + " 'servers.(': Unclosed group near index 9"),
                Arguments.of(
                        "PENSU_KAFKA_CONSUMER_SERVER",
                        "kafka:9092,kafka2",
                        "PENSU_KAFKA_CONSUMER_SERVER must be a comma-separated list of host:port"
                                + " with ports 1 to 65535, got 'kafka:9092,kafka2'"),
                Arguments.of(
                        "PENSU_KAFKA_PRODUCER_SERVER",
                        "kafka:65536",
                        "PENSU_KAFKA_PRODUCER_SERVER must be a comma-separated list"),
                Arguments.of(
                        "PENSU_DELIVERY_GUARANTEE",
                        "none",
                        "PENSU_DELIVERY_GUARANTEE must be exactly-once or at-least-once, got"
                                + " 'none'"),
                Arguments.of(
                        "PENSU_OUT_OF_ORDER_POLICY",
                        "drop",
                        "PENSU_OUT_OF_ORDER_POLICY must be reject or process, got 'drop'"),
                Arguments.of(
                        "PENSU_HTM_ENGINE",
                        "nupic",
                        "PENSU_HTM_ENGINE must be one of [htm.java, compact], got 'nupic'"),
                Arguments.of(
                        "PENSU_SPATIAL_ANOMALY_TOLERANCE",
                        "-0.1",
                        "PENSU_SPATIAL_ANOMALY_TOLERANCE must be a number >= 0 or 'off', got"
                                + " '-0.1'"),
                Arguments.of(
                        "PENSU_TIMEZONE",
                        "Mars/Olympus",
                        "PENSU_TIMEZONE must be a time zone id such as UTC or Europe/Berlin, got"
                                + " 'Mars/Olympus'"),
                Arguments.of(
                        "PENSU_MAX_PARALLELISM",
                        "32769",
                        "PENSU_MAX_PARALLELISM must be an integer between 1 and 32768, got"
                                + " '32769'"),
                Arguments.of(
                        "PENSU_CHECKPOINT_INTERVAL",
                        "0",
                        "PENSU_CHECKPOINT_INTERVAL must be an integer >= 1, got '0'"),
                Arguments.of(
                        "PENSU_MODELS_AUTOSAVE_INTERVAL",
                        "1d",
                        "PENSU_MODELS_AUTOSAVE_INTERVAL must be an integer >= 1, got '1d'"),
                Arguments.of(
                        "PENSU_MODEL_PARAMETERS",
                        "[{\"metrics\": \"a\", \"both\": {\"tm.cellsPerColum\": 8}}]",
                        "PENSU_MODEL_PARAMETERS must be model parameter rules: JSON starting with"
                                + " '[' or @/path/to/rules.json, got '[{\"metrics\": \"a\","
                                + " \"both\": {\"tm.cellsPerColum\": 8}}]': model parameter rule"
                                + " 0, both, key 'tm.cellsPerColum': unknown"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueIsReportedWithVariableValueAndExpectation(
            String variable, String value, String message) {
        ConfigException e = failure(Map.of(variable, value));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0)).startsWith(message);
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badArgumentIsReportedLikeABadEnvironmentValue(
            String variable, String value, String message) {
        assertThat(failure(Map.of(), "--" + variable, value).problems().get(0)).startsWith(message);
    }

    @Test
    void allProblemsAreReportedTogether() {
        ConfigException e =
                failure(
                        Map.of(
                                "PENSU_PREDICTION_STEPS", "five",
                                "PENSU_TIMEZONE", "Nowhere",
                                "PENSU_ANOMALIES_METRICS_KAFKA_TOPIC", "metrics"),
                        "--PENSU_NOPE",
                        "1",
                        "--PENSU_MAX_ALLOWED_MODELS",
                        "-3");

        assertThat(e.problems())
                .hasSize(5)
                .anyMatch(p -> p.startsWith("PENSU_PREDICTION_STEPS "))
                .anyMatch(p -> p.startsWith("PENSU_TIMEZONE "))
                .anyMatch(p -> p.startsWith("PENSU_ANOMALIES_METRICS_KAFKA_TOPIC "))
                .anyMatch(p -> p.startsWith("PENSU_MAX_ALLOWED_MODELS "))
                .anyMatch(p -> p.contains("--PENSU_NOPE"));
        assertThat(e.getMessage()).startsWith("Invalid configuration (5 problems):");
        e.problems().forEach(p -> assertThat(e.getMessage()).contains(p));
    }

    @Test
    void outputTopicMustDifferFromInputTopic() {
        assertThat(failure(Map.of("PENSU_TOPICS_KAFKA_TOPIC", "metrics")).problems())
                .containsExactly(
                        "PENSU_TOPICS_KAFKA_TOPIC must name another topic than"
                                + " PENSU_METRICS_KAFKA_TOPIC, got 'metrics' for both");
    }

    @Test
    void outputTopicsMustDifferFromEachOther() {
        assertThat(
                        failure(Map.of("PENSU_DEAD_LETTER_KAFKA_TOPIC", "pensu.htm.predictions"))
                                .problems())
                .containsExactly(
                        "PENSU_DEAD_LETTER_KAFKA_TOPIC must name another topic than"
                                + " PENSU_PREDICTION_METRICS_KAFKA_TOPIC, got"
                                + " 'pensu.htm.predictions' for both");
    }

    @Test
    void topicsDifferingOnlyByDotAndUnderscoreCollide() {
        assertThat(failure(Map.of("PENSU_DEAD_LETTER_KAFKA_TOPIC", "pensu.anomalies")).problems())
                .containsExactly(
                        "PENSU_DEAD_LETTER_KAFKA_TOPIC must name another topic than"
                                + " PENSU_ANOMALIES_METRICS_KAFKA_TOPIC, got 'pensu.anomalies',"
                                + " which Kafka takes for 'pensu_anomalies' ('.' and '_' collide)");
    }

    @Test
    void movingTheInputTopicAwayAllowsItsOldName() {
        PensuConfig c =
                load(
                        Map.of(
                                "PENSU_METRICS_KAFKA_TOPIC", "graphite",
                                "PENSU_DEAD_LETTER_KAFKA_TOPIC", "metrics"));

        assertThat(c.get(Settings.DEAD_LETTER_KAFKA_TOPIC)).isEqualTo("metrics");
    }

    @Test
    void likelihoodHistoryMustHoldLearningAndEstimation() {
        assertThat(
                        failure(
                                        Map.of(
                                                "PENSU_LIKELIHOOD_LEARNING_PERIOD", "300",
                                                "PENSU_LIKELIHOOD_ESTIMATION_SAMPLES", "100",
                                                "PENSU_LIKELIHOOD_HISTORY", "399"))
                                .problems())
                .containsExactly(
                        "PENSU_LIKELIHOOD_HISTORY must be at least PENSU_LIKELIHOOD_LEARNING_PERIOD"
                                + " + PENSU_LIKELIHOOD_ESTIMATION_SAMPLES = 400, got '399'");
    }

    @Test
    void likelihoodHistoryIsNotComparedWithABadLearningPeriod() {
        assertThat(
                        failure(
                                        Map.of(
                                                "PENSU_LIKELIHOOD_LEARNING_PERIOD", "many",
                                                "PENSU_LIKELIHOOD_HISTORY", "10"))
                                .problems())
                .containsExactly(
                        "PENSU_LIKELIHOOD_LEARNING_PERIOD must be an integer >= 1, got 'many'");
    }

    @Test
    void obsoleteVariablesAreAcceptedWithAWarningNamingTheirReplacement() {
        PensuConfig c =
                load(
                        Map.of(
                                "PENSU_LOGGING_FORMAT", "timestamp=%s;severity=%s",
                                "PENSU_PING_LISTEN_HOST", "0.0.0.0",
                                "PENSU_PING_LISTEN_PORT", "not even a number",
                                "PENSU_ANOMALYCALC_FILENAME", "calc.pkl"));

        assertThat(c.warnings())
                .containsExactlyInAnyOrder(
                        "PENSU_LOGGING_FORMAT is obsolete and ignored: The log line format is the"
                                + " log4j2 layout in Flink's configuration.",
                        "PENSU_PING_LISTEN_HOST is obsolete and ignored: The Flink web UI and"
                                + " REST API carry health and counters.",
                        "PENSU_PING_LISTEN_PORT is obsolete and ignored: The Flink web UI and"
                                + " REST API carry health and counters.",
                        "PENSU_ANOMALYCALC_FILENAME is obsolete and ignored: Likelihood"
                                + " calculators live in Flink keyed state.");
    }

    @Test
    void autosaveIntervalBecomesTheCheckpointInterval() {
        PensuConfig c = load(Map.of("PENSU_MODELS_AUTOSAVE_INTERVAL", "120"));

        assertThat(c.getOptional(Settings.CHECKPOINT_INTERVAL)).contains(Duration.ofMinutes(2));
        assertThat(c.warnings()).singleElement().asString().contains("checkpoint interval");
    }

    @Test
    void checkpointIntervalWinsOverAutosaveInterval() {
        PensuConfig c =
                load(
                        Map.of(
                                "PENSU_MODELS_AUTOSAVE_INTERVAL", "86400",
                                "PENSU_CHECKPOINT_INTERVAL", "30"));

        assertThat(c.getOptional(Settings.CHECKPOINT_INTERVAL)).contains(Duration.ofSeconds(30));
        assertThat(c.warnings())
                .containsExactly(
                        "PENSU_MODELS_AUTOSAVE_INTERVAL is obsolete and ignored:"
                                + " PENSU_CHECKPOINT_INTERVAL is set");
    }

    @Test
    void checkpointIntervalLongerThanTransactionsLastIsRefusedUnderExactlyOnce() {
        assertThat(failure(Map.of("PENSU_CHECKPOINT_INTERVAL", "241")).problems())
                .singleElement()
                .asString()
                .startsWith(
                        "PENSU_CHECKPOINT_INTERVAL must be at most 240 seconds under exactly-once"
                                + " output, got '241': an exactly-once Kafka transaction stays"
                                + " open")
                .contains("transaction timeout (15 min)")
                .endsWith(
                        "Set PENSU_CHECKPOINT_INTERVAL to 240 or less, or"
                                + " PENSU_DELIVERY_GUARANTEE=at-least-once");
        assertThat(
                        load(Map.of("PENSU_CHECKPOINT_INTERVAL", "240"))
                                .getOptional(Settings.CHECKPOINT_INTERVAL))
                .contains(Duration.ofMinutes(4));
    }

    @Test
    void pensusAutosaveIntervalOfAnHourIsRefusedAsCheckpointInterval() {
        assertThat(failure(Map.of("PENSU_MODELS_AUTOSAVE_INTERVAL", "3600")).problems())
                .singleElement()
                .asString()
                .startsWith(
                        "PENSU_MODELS_AUTOSAVE_INTERVAL (used as the checkpoint interval) must be"
                                + " at most 240 seconds under exactly-once output, got '3600'")
                .contains("Set PENSU_CHECKPOINT_INTERVAL to 240 or less");
    }

    @Test
    void atLeastOnceTakesAnyCheckpointInterval() {
        PensuConfig c =
                load(
                        Map.of(
                                "PENSU_MODELS_AUTOSAVE_INTERVAL", "3600",
                                "PENSU_DELIVERY_GUARANTEE", "at-least-once"));

        assertThat(c.getOptional(Settings.CHECKPOINT_INTERVAL)).contains(Duration.ofHours(1));
    }

    @Test
    void transactionalIdPrefixIsDerivedFromGroupAndTopicsAlike() {
        String prefix = load(Map.of()).get(Settings.TRANSACTIONAL_ID_PREFIX);
        // Fixed across releases: a restarted job must find the transactions its last run left open.
        assertThat(prefix).isEqualTo("pensu-24401665");

        assertThat(load(Map.of()).get(Settings.TRANSACTIONAL_ID_PREFIX)).isEqualTo(prefix);
        assertThat(
                        load(Map.of("PENSU_KAFKA_CONSUMER_GROUP", "staging"))
                                .get(Settings.TRANSACTIONAL_ID_PREFIX))
                .isEqualTo("staging" + prefix.substring("pensu".length()));
        assertThat(
                        load(Map.of("PENSU_DEAD_LETTER_KAFKA_TOPIC", "other"))
                                .get(Settings.TRANSACTIONAL_ID_PREFIX))
                .startsWith("pensu-")
                .isNotEqualTo(prefix);
        assertThat(
                        load(Map.of("PENSU_METRICS_KAFKA_TOPIC", "m2"))
                                .get(Settings.TRANSACTIONAL_ID_PREFIX))
                .isNotEqualTo(prefix);
        assertThat(
                        load(Map.of("PENSU_TRANSACTIONAL_ID_PREFIX", "mine"))
                                .get(Settings.TRANSACTIONAL_ID_PREFIX))
                .isEqualTo("mine");
        assertThat(load(Map.of()).describe())
                .contains("\n  PENSU_TRANSACTIONAL_ID_PREFIX = " + prefix + "\n");
    }

    @Test
    void kafkaPropertiesFilesReachTheClientsThatKnowTheirSettings(@TempDir Path dir)
            throws Exception {
        Path shared = dir.resolve("kafka.properties");
        Files.writeString(
                shared,
                "security.protocol=SASL_SSL\n"
                        + "sasl.mechanism=PLAIN\n"
                        + "ssl.truststore.location=/etc/kafka/truststore.p12\n"
                        + "fetch.min.bytes=1024\n"
                        + "linger.ms=20\n");
        Path producer = dir.resolve("producer.properties");
        Files.writeString(producer, "linger.ms=5\nsasl.mechanism=SCRAM-SHA-512\n");

        PensuConfig c =
                load(
                        Map.of(
                                "PENSU_KAFKA_PROPERTIES_FILE", shared.toString(),
                                "PENSU_KAFKA_PRODUCER_PROPERTIES_FILE", producer.toString()));

        assertThat(c.consumerProperties())
                .containsOnly(
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("sasl.mechanism", "PLAIN"),
                        Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"),
                        Map.entry("fetch.min.bytes", "1024"));
        assertThat(c.producerProperties())
                .containsOnly(
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                        Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"),
                        Map.entry("linger.ms", "5"));
        assertThat(c.describe())
                .contains("PENSU_KAFKA_PROPERTIES_FILE = " + shared)
                .doesNotContain("SASL_SSL");
    }

    @Test
    void kafkaPropertiesTheJobSetsItselfOrThatKafkaDoesNotKnowAreRefused(@TempDir Path dir)
            throws Exception {
        Path consumer = dir.resolve("consumer.properties");
        Files.writeString(
                consumer,
                "bootstrap.servers=other:9092\nisolation.level=read_uncommitted\n"
                        + "sasl.mechanisms=PLAIN\n");
        Path producer = dir.resolve("producer.properties");
        Files.writeString(producer, "transaction.timeout.ms=3600000\nacks=1\n");
        Path shared = dir.resolve("shared.properties");
        Files.writeString(shared, "transactional.id=x\n");

        assertThat(
                        failure(
                                        Map.of(
                                                "PENSU_KAFKA_CONSUMER_PROPERTIES_FILE",
                                                consumer.toString(),
                                                "PENSU_KAFKA_PRODUCER_PROPERTIES_FILE",
                                                producer.toString(),
                                                "PENSU_KAFKA_PROPERTIES_FILE",
                                                shared.toString()))
                                .problems())
                .containsExactlyInAnyOrder(
                        "PENSU_KAFKA_PROPERTIES_FILE must be a readable Java properties file of"
                                + " Kafka client settings, got '"
                                + shared
                                + "': transactional.id is set by the job: set"
                                + " PENSU_TRANSACTIONAL_ID_PREFIX",
                        "PENSU_KAFKA_CONSUMER_PROPERTIES_FILE must be a readable Java properties"
                                + " file of Kafka client settings, got '"
                                + consumer
                                + "': bootstrap.servers is set by the job: set"
                                + " PENSU_KAFKA_CONSUMER_SERVER; isolation.level is set by the"
                                + " job: the job reads committed records only (read_committed);"
                                + " sasl.mechanisms is not a Kafka consumer setting",
                        "PENSU_KAFKA_PRODUCER_PROPERTIES_FILE must be a readable Java properties"
                                + " file of Kafka client settings, got '"
                                + producer
                                + "': acks is set by the job: the job waits for all in-sync"
                                + " replicas (acks=all), or output could be lost;"
                                + " transaction.timeout.ms is set by the job: the job sets it to"
                                + " fit its checkpoints (15 min)");
    }

    @Test
    void missingKafkaPropertiesFileIsReported(@TempDir Path dir) {
        Path file = dir.resolve("missing.properties");

        assertThat(failure(Map.of("PENSU_KAFKA_PROPERTIES_FILE", file.toString())).problems())
                .singleElement()
                .asString()
                .startsWith("PENSU_KAFKA_PROPERTIES_FILE must be a readable Java properties file")
                .contains("cannot read it", "NoSuchFileException");
    }

    @Test
    void sessionTimeoutOfPensuIsAcceptedAndIgnored() {
        PensuConfig c = load(Map.of("PENSU_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "5000"));

        assertThat(c.warnings())
                .singleElement()
                .asString()
                .startsWith("PENSU_KAFKA_CONSUMER_SESSION_TIMEOUT_MS is obsolete and ignored");
    }

    @Test
    void clientIdPlaceholdersBecomeHostNameAndStartTime() {
        PensuConfig c = load(Map.of("PENSU_KAFKA_PRODUCER_CLIENT_ID", "out-{{#instance_id}}"));

        assertThat(c.get(Settings.KAFKA_CONSUMER_CLIENT_ID))
                .isEqualTo("pensu-consumer-worker-1-1587617182");
        assertThat(c.get(Settings.KAFKA_PRODUCER_CLIENT_ID)).isEqualTo("out-worker-1");
    }

    @Test
    void spatialAnomalyRuleCanBeTurnedOff() {
        assertThat(
                        load(Map.of("PENSU_SPATIAL_ANOMALY_TOLERANCE", "off"))
                                .get(Settings.SPATIAL_ANOMALY_TOLERANCE))
                .isEqualTo(OptionalDouble.empty());
    }

    @Test
    void bootstrapServersAreNormalized() {
        PensuConfig c = load(Map.of("PENSU_KAFKA_CONSUMER_SERVER", "k1:9092, k2:9093 ,[::1]:9094"));

        assertThat(c.get(Settings.KAFKA_CONSUMER_SERVER)).isEqualTo("k1:9092,k2:9093,[::1]:9094");
    }

    @Test
    void modelParametersAreReadInline() {
        PensuConfig c =
                load(
                        Map.of(
                                "PENSU_MODEL_PARAMETERS",
                                "[{\"metrics\": \"a\\\\.\", \"anomaly\": {\"seed\": 5}}]"));

        assertThat(c.get(Settings.MODEL_PARAMETERS).resolve("a.b").anomaly().seed()).isEqualTo(5L);
        assertThat(c.get(Settings.MODEL_PARAMETERS).resolve("b.a").shared()).isTrue();
    }

    @Test
    void modelParametersAreReadFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, "[{\"metrics\": \"a\", \"both\": {\"encoder.buckets\": 200}}]");

        PensuConfig c = load(Map.of(), "--PENSU_MODEL_PARAMETERS", "@" + file);

        assertThat(c.get(Settings.MODEL_PARAMETERS).resolve("a.b").prediction().encoderBuckets())
                .isEqualTo(200);
    }

    @Test
    void missingModelParametersFileIsReported(@TempDir Path dir) {
        Path file = dir.resolve("missing.json");

        assertThat(failure(Map.of("PENSU_MODEL_PARAMETERS", "@" + file)).problems())
                .singleElement()
                .asString()
                .startsWith("PENSU_MODEL_PARAMETERS must be model parameter rules")
                .contains("@" + file, "cannot read " + file, "NoSuchFileException");
    }

    @Test
    void longBadValuesAreShortenedInMessages() {
        String json = "[" + " ".repeat(500) + "{]";

        assertThat(failure(Map.of("PENSU_MODEL_PARAMETERS", json)).getMessage())
                .contains("...'")
                .doesNotContain(" ".repeat(200));
    }

    @Test
    void describeListsEveryVariableWithItsEffectiveValue() {
        PensuConfig c =
                load(
                        Map.of(
                                "PENSU_MODELS_AUTOSAVE_INTERVAL",
                                "120",
                                "PENSU_LOGGING_FORMAT",
                                "x"),
                        "--PENSU_PREDICTION_STEPS",
                        "3");

        String description = c.describe();

        for (Setting<?> setting : Settings.all()) {
            assertThat(description).contains("\n  " + setting.name() + " = ");
        }
        assertThat(description)
                .contains("\n  PENSU_PREDICTION_STEPS = 3\n")
                .contains("\n  PENSU_METRICS_KAFKA_TOPIC = metrics\n")
                .contains("\n  PENSU_CHECKPOINT_INTERVAL = 120\n")
                .contains("\n  PENSU_MODEL_PARAMETERS = (unset)\n")
                .contains(
                        "\n  PENSU_KAFKA_CONSUMER_CLIENT_ID = pensu-consumer-worker-1-1587617182\n")
                .contains("\n  PENSU_LOGGING_FORMAT = x (obsolete, ignored)\n");
    }

    @Test
    void loadsWithoutInjectedClockAndHost() {
        PensuConfig c = PensuConfig.load(Map.of(), NO_ARGS);

        assertThat(c.get(Settings.KAFKA_CONSUMER_CLIENT_ID))
                .startsWith("pensu-consumer-")
                .doesNotContain("{{#");
    }

    @Test
    void configExceptionIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> load(Map.of("PENSU_PREDICTION_STEPS", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid configuration: PENSU_PREDICTION_STEPS must be an integer between 1"
                                + " and 100, got '0'");
    }
}
