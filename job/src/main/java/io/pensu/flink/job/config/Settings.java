package io.pensu.flink.job.config;

import io.pensu.flink.detect.OutOfOrderPolicy;
import io.pensu.flink.input.InputLimits;
import io.pensu.flink.job.config.Setting.Origin;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.model.ModelParameterRules;

import org.apache.flink.connector.base.DeliveryGuarantee;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

import static io.pensu.flink.job.config.ValueType.NO_LIMIT;

/**
 * Every setting the job understands, in the order docs/CONFIGURATION.md lists them: the one place
 * where a setting is declared. Its name, type, bounds, default and description come from here to
 * the validation, the startup log and the docs; {@link PensuConfig#get} gives its value to the code
 * that uses it.
 */
public final class Settings {

    private static final List<Setting<?>> TABLE = new ArrayList<>();

    private static final String PROBABILITY = "a number between 0 and 1";

    public static final Setting<String> METRICS_KAFKA_TOPIC =
            pensu("PENSU_METRICS_KAFKA_TOPIC")
                    .topic()
                    .defaultValue("metrics")
                    .doc("Input topic: Graphite carbon plaintext lines.");
    public static final Setting<String> ANOMALIES_METRICS_KAFKA_TOPIC =
            pensu("PENSU_ANOMALIES_METRICS_KAFKA_TOPIC")
                    .topic()
                    .defaultValue("pensu_anomalies")
                    .doc(
                            "Output topic for Graphite lines: anomaly_score, anomaly_likelihood,"
                                    + " anomaly_direction.");
    public static final Setting<String> REPORTED_ANOMALIES_KAFKA_TOPIC =
            pensu("PENSU_REPORTED_ANOMALIES_KAFKA_TOPIC")
                    .topic()
                    .defaultValue("pensu.htm.anomaly_metrics")
                    .doc("Output topic for JSON anomaly reports.");
    public static final Setting<String> PREDICTION_METRICS_KAFKA_TOPIC =
            pensu("PENSU_PREDICTION_METRICS_KAFKA_TOPIC")
                    .topic()
                    .defaultValue("pensu.htm.predictions")
                    .doc("Output topic for Graphite lines: prediction, prediction_confidence.");
    public static final Setting<String> TOPICS_KAFKA_TOPIC =
            pensu("PENSU_TOPICS_KAFKA_TOPIC")
                    .topic()
                    .defaultValue("pensu_monitored_topics")
                    .doc("Heartbeat topic: receives the input topic's name every report interval.");
    public static final Setting<Duration> TOPICS_REPORT_INTERVAL =
            pensu("PENSU_TOPICS_REPORT_INTERVAL")
                    .seconds(0, NO_LIMIT)
                    .defaultValue("10")
                    .doc("Time between heartbeats; 0 turns the heartbeat off.");
    public static final Setting<String> METRIC_NAMES_TEMPLATE =
            pensu("PENSU_METRIC_NAMES_TEMPLATE")
                    .parsed(
                            "a metric name containing "
                                    + PensuConfig.ANOMALY_METRIC_PLACEHOLDER
                                    + " and no blanks",
                            ValueParsers::metricNamesTemplate)
                    .defaultValue("pensu.{{#anomaly_metric}}.metrics_analyzer")
                    .doc(
                            "Prefix of output metric names; {{#anomaly_metric}} becomes"
                                    + " anomaly_score, prediction, ...; the input metric's name"
                                    + " follows after a dot.");
    public static final Setting<Pattern> ALLOWED_TO_WORK_ON_METRICS =
            pensu("PENSU_ALLOWED_TO_WORK_ON_METRICS")
                    .parsed("a Java regular expression", ValueParsers::regex)
                    .defaultValue(".*")
                    .doc(
                            "Regular expression matched at the start of a metric name; other"
                                    + " metrics are skipped.");
    public static final Setting<Integer> MAX_ALLOWED_MODELS =
            pensu("PENSU_MAX_ALLOWED_MODELS")
                    .integer(1, NO_LIMIT)
                    .unit("metrics")
                    .defaultValue("10")
                    .doc(
                            "Most metrics modelled at once (Pensu counted two models per metric,"
                                    + " so its 10 meant 5 metrics); samples of further metrics are"
                                    + " refused.");
    public static final Setting<Duration> MIN_SECONDS_BETWEEN_OVER_QUOTA_LOG_MSG =
            pensu("PENSU_MIN_SECONDS_BETWEEN_OVER_QUOTA_LOG_MSG")
                    .seconds(0, NO_LIMIT)
                    .defaultValue("300")
                    .doc("Least time between two 'quota full' warnings.");
    public static final Setting<Integer> PREDICTION_STEPS =
            pensu("PENSU_PREDICTION_STEPS")
                    .integer(1, 100)
                    .unit("samples")
                    .defaultValue("5")
                    .doc("How many samples ahead predictions look.");
    public static final Setting<Double> ANOMALY_SCORE_THRESHOLD =
            pensu("PENSU_ANOMALY_SCORE_THRESHOLD")
                    .number(PROBABILITY, Settings::isProbability)
                    .defaultValue("0.99")
                    .doc("Least raw anomaly score of a reported anomaly.");
    public static final Setting<Double> ANOMALY_LIKELIHOOD_THRESHOLD =
            pensu("PENSU_ANOMALY_LIKELIHOOD_THRESHOLD")
                    .number(PROBABILITY, Settings::isProbability)
                    .defaultValue("0.99999")
                    .doc("Least anomaly likelihood of a reported anomaly.");
    public static final Setting<Double> MINIMUM_CONFIDENCE_FOR_REPORTING =
            pensu("PENSU_MINIMUM_CONFIDENCE_FOR_REPORTING")
                    .number(PROBABILITY, Settings::isProbability)
                    .defaultValue("0.9")
                    .doc("Least confidence of the prediction for a reported anomaly.");
    public static final Setting<Duration> MODELS_AUTOSAVE_INTERVAL =
            pensu("PENSU_MODELS_AUTOSAVE_INTERVAL")
                    .seconds(1, NO_LIMIT)
                    .doc(
                            "Obsolete: Flink checkpoints replace autosaving. If set, and"
                                    + " PENSU_CHECKPOINT_INTERVAL is not, it is the checkpoint"
                                    + " interval.");
    public static final Setting<String> KAFKA_CONSUMER_SERVER =
            pensu("PENSU_KAFKA_CONSUMER_SERVER")
                    .parsed(KafkaNames.SERVER_LIST, KafkaNames::servers)
                    .defaultValue("kafka:9092")
                    .doc("Kafka bootstrap servers to read from.");
    public static final Setting<String> KAFKA_PRODUCER_SERVER =
            pensu("PENSU_KAFKA_PRODUCER_SERVER")
                    .parsed(KafkaNames.SERVER_LIST, KafkaNames::servers)
                    .defaultValue("kafka:9092")
                    .doc("Kafka bootstrap servers to write to.");
    public static final Setting<String> KAFKA_CONSUMER_CLIENT_ID =
            pensu("PENSU_KAFKA_CONSUMER_CLIENT_ID")
                    .text()
                    .defaultValue("pensu-consumer-{{#instance_id}}-{{#time_started}}")
                    .doc(
                            "Kafka consumer client id; {{#instance_id}} becomes the host name,"
                                    + " {{#time_started}} the start time in epoch seconds.");
    public static final Setting<String> KAFKA_PRODUCER_CLIENT_ID =
            pensu("PENSU_KAFKA_PRODUCER_CLIENT_ID")
                    .text()
                    .defaultValue("pensu-producer-{{#instance_id}}-{{#time_started}}")
                    .doc("Kafka producer client id, with the same placeholders.");
    public static final Setting<String> KAFKA_CONSUMER_SESSION_TIMEOUT_MS =
            obsolete(
                    "PENSU_KAFKA_CONSUMER_SESSION_TIMEOUT_MS",
                    "The Kafka source assigns partitions itself and never joins a consumer group,"
                            + " so it has no session to time out.");
    public static final Setting<String> LOGGING_FORMAT =
            obsolete(
                    "PENSU_LOGGING_FORMAT",
                    "The log line format is the log4j2 layout in Flink's configuration.");
    public static final Setting<String> PING_LISTEN_HOST =
            obsolete(
                    "PENSU_PING_LISTEN_HOST",
                    "The Flink web UI and REST API carry health and counters.");
    public static final Setting<String> PING_LISTEN_PORT =
            obsolete(
                    "PENSU_PING_LISTEN_PORT",
                    "The Flink web UI and REST API carry health and counters.");
    public static final Setting<String> ANOMALYCALC_FILENAME =
            obsolete(
                    "PENSU_ANOMALYCALC_FILENAME",
                    "Likelihood calculators live in Flink keyed state.");
    public static final Setting<String> DEAD_LETTER_KAFKA_TOPIC =
            ours("PENSU_DEAD_LETTER_KAFKA_TOPIC")
                    .topic()
                    .defaultValue("pensu_dead_letters")
                    .doc("Output topic for rejected input records, with the reason.");
    public static final Setting<String> KAFKA_CONSUMER_GROUP =
            ours("PENSU_KAFKA_CONSUMER_GROUP")
                    .text()
                    .defaultValue("pensu")
                    .doc("Kafka consumer group; offsets are committed on checkpoints.");
    public static final Setting<DeliveryGuarantee> DELIVERY_GUARANTEE =
            ours("PENSU_DELIVERY_GUARANTEE")
                    .parsed("exactly-once or at-least-once", ValueParsers::guarantee)
                    .defaultValue("exactly-once")
                    .doc("Kafka output guarantee.");
    public static final Setting<String> TRANSACTIONAL_ID_PREFIX =
            ours("PENSU_TRANSACTIONAL_ID_PREFIX")
                    .parsed("1 to 249 characters of a-z A-Z 0-9 . _ -", KafkaNames::topic)
                    .doc(
                            "Prefix of the Kafka transactional ids (exactly-once), unique per job"
                                    + " on a Kafka cluster; unset: the consumer group, a dash and a"
                                    + " digest of the six topic names, the same on every start.");
    public static final Setting<Duration> CHECKPOINT_INTERVAL =
            ours("PENSU_CHECKPOINT_INTERVAL")
                    .seconds(1, NO_LIMIT)
                    .doc(
                            "Time between Flink checkpoints, at most 240 seconds under"
                                    + " exactly-once (see docs/DESIGN.md); unset leaves it to the"
                                    + " Flink configuration.");
    public static final Setting<Map<String, String>> KAFKA_PROPERTIES_FILE =
            ours("PENSU_KAFKA_PROPERTIES_FILE")
                    .parsed(KafkaClientProperties.EXPECTED, KafkaClientProperties::readShared)
                    .doc(
                            "Java properties file of Kafka client settings for the job's consumer"
                                    + " and producers (security.protocol, sasl.*, ssl.*, ...); each"
                                    + " gets those it knows.");
    public static final Setting<Map<String, String>> KAFKA_CONSUMER_PROPERTIES_FILE =
            ours("PENSU_KAFKA_CONSUMER_PROPERTIES_FILE")
                    .parsed(KafkaClientProperties.EXPECTED, KafkaClientProperties.CONSUMER::read)
                    .doc(
                            "Java properties file of Kafka consumer settings, over"
                                    + " PENSU_KAFKA_PROPERTIES_FILE.");
    public static final Setting<Map<String, String>> KAFKA_PRODUCER_PROPERTIES_FILE =
            ours("PENSU_KAFKA_PRODUCER_PROPERTIES_FILE")
                    .parsed(KafkaClientProperties.EXPECTED, KafkaClientProperties.PRODUCER::read)
                    .doc(
                            "Java properties file of Kafka producer settings, over"
                                    + " PENSU_KAFKA_PROPERTIES_FILE.");
    public static final Setting<OutOfOrderPolicy> OUT_OF_ORDER_POLICY =
            ours("PENSU_OUT_OF_ORDER_POLICY")
                    .parsed("reject or process", ValueParsers::outOfOrderPolicy)
                    .defaultValue("reject")
                    .doc(
                            "Samples not newer than their metric's last one: reject (dead letter)"
                                    + " or process.");
    public static final Setting<Duration> MAX_OUT_OF_ORDERNESS =
            ours("PENSU_MAX_OUT_OF_ORDERNESS")
                    .seconds(0, 3600)
                    .defaultValue("60")
                    .doc(
                            "How long a sample may arrive after newer ones and still be processed"
                                    + " in timestamp order; each output waits about this long. 0"
                                    + " processes samples as they arrive: only for producers that"
                                    + " key records by metric.");
    public static final Setting<Integer> MAX_LINE_BYTES =
            ours("PENSU_MAX_LINE_BYTES")
                    .integer(64, InputLimits.LARGEST_MAX_LINE_BYTES)
                    .unit("bytes")
                    .defaultValue("4096")
                    .doc(
                            "Longest accepted input line (every output copied from a line must fit"
                                    + " Kafka's 1 MiB request size).");
    public static final Setting<Integer> MAX_RECORD_BYTES =
            ours("PENSU_MAX_RECORD_BYTES")
                    .integer(64, 16_777_216)
                    .unit("bytes")
                    .defaultValue("1048576")
                    .doc(
                            "Largest accepted input Kafka record, checked before it is decoded; a"
                                    + " larger one is one oversized_record dead letter.");
    public static final Setting<Duration> MAX_TIMESTAMP_AHEAD =
            ours("PENSU_MAX_TIMESTAMP_AHEAD")
                    .seconds(0, NO_LIMIT)
                    .defaultValue("600")
                    .doc(
                            "How far a sample's timestamp may lie after its Kafka record's"
                                    + " timestamp; later ones are rejected as"
                                    + " timestamp_ahead_of_record.");
    public static final Setting<Integer> ENCODER_LEARNING_SAMPLES =
            ours("PENSU_ENCODER_LEARNING_SAMPLES")
                    .integer(1, 100_000)
                    .unit("samples")
                    .defaultValue("288")
                    .doc(
                            "Samples used to learn a metric's value range before its model is"
                                    + " created.");
    public static final Setting<Integer> SNAPSHOT_INTERVAL_SAMPLES =
            ours("PENSU_SNAPSHOT_INTERVAL_SAMPLES")
                    .integer(1, NO_LIMIT)
                    .unit("samples")
                    .defaultValue("1000")
                    .doc(
                            "Samples between snapshots of a model into Flink keyed state; each"
                                    + " metric takes its snapshot at its own phase of the interval,"
                                    + " so that metrics whose models were created together do not"
                                    + " all put their snapshots into the same checkpoint.");
    public static final Setting<Integer> SNAPSHOT_AFTER_REPLAY_SAMPLES =
            ours("PENSU_SNAPSHOT_AFTER_REPLAY_SAMPLES")
                    .integer(1, NO_LIMIT)
                    .unit("samples")
                    .defaultValue("8")
                    .doc(
                            "A model rebuilt (out of the live-model cache, or after a restore)"
                                    + " into a full cache by replaying about this many journal"
                                    + " samples is snapshotted again, so that a metric whose model"
                                    + " is rebuilt for each sample replays a few samples instead"
                                    + " of up to PENSU_SNAPSHOT_INTERVAL_SAMPLES (a model that"
                                    + " finds room in the cache stays live and is not rewritten);"
                                    + " spread by metric from half"
                                    + " to one and a half times the value, so that metrics that"
                                    + " started together do not all rewrite their snapshots at"
                                    + " once.");
    public static final Setting<Integer> MODEL_CACHE_SIZE =
            ours("PENSU_MODEL_CACHE_SIZE")
                    .integer(1, NO_LIMIT)
                    .unit("models")
                    .doc(
                            "Live models kept in memory per parallel subtask; unset: as many as"
                                    + " fit in about 1.2 GB of heap, 256 compact models (~4.5 MB"
                                    + " each) or 16 htm.java models (~90 MB each).");
    public static final Setting<Duration> METRIC_IDLE_TIMEOUT =
            ours("PENSU_METRIC_IDLE_TIMEOUT")
                    .seconds(0, NO_LIMIT)
                    .defaultValue("604800")
                    .doc(
                            "Time without a sample after which a metric's model and state are"
                                    + " dropped and its PENSU_MAX_ALLOWED_MODELS slot is freed (a"
                                    + " week: daily and weekend-quiet metrics keep their models); 0"
                                    + " keeps every metric for good.");
    public static final Setting<String> HTM_ENGINE =
            ours("PENSU_HTM_ENGINE")
                    .parsed(
                            "one of " + HtmEngines.ids(),
                            e -> HtmEngines.ids().contains(e) ? e : null)
                    .defaultValue("compact")
                    .doc(
                            "HTM implementation for new models: compact (our own, in flat arrays),"
                                    + " or htm.java; a model keeps the one it was created with.");
    public static final Setting<ModelParameterRules> MODEL_PARAMETERS =
            ours("PENSU_MODEL_PARAMETERS")
                    .parsed(
                            "model parameter rules: JSON starting with '[' or"
                                    + " @/path/to/rules.json",
                            ValueParsers::modelParameterRules)
                    .doc(
                            "Per-metric model parameter rules: JSON inline (starting with '[') or"
                                    + " @/path/to/file; unset uses the defaults.");
    public static final Setting<OptionalDouble> SPATIAL_ANOMALY_TOLERANCE =
            ours("PENSU_SPATIAL_ANOMALY_TOLERANCE")
                    .parsed("a number >= 0 or 'off'", ValueParsers::tolerance)
                    .defaultValue("0.05")
                    .doc(
                            "A value further outside the seen range than this fraction of it"
                                    + " scores 1.0; 'off' disables the rule.");
    public static final Setting<Integer> LIKELIHOOD_LEARNING_PERIOD =
            ours("PENSU_LIKELIHOOD_LEARNING_PERIOD")
                    .integer(1, NO_LIMIT)
                    .unit("samples")
                    .defaultValue("288")
                    .doc("Samples before the likelihood starts estimating.");
    public static final Setting<Integer> LIKELIHOOD_ESTIMATION_SAMPLES =
            ours("PENSU_LIKELIHOOD_ESTIMATION_SAMPLES")
                    .integer(1, NO_LIMIT)
                    .unit("samples")
                    .defaultValue("100")
                    .doc("Samples of the first likelihood distribution estimate.");
    public static final Setting<Integer> LIKELIHOOD_HISTORY =
            ours("PENSU_LIKELIHOOD_HISTORY")
                    .integer(1, NO_LIMIT)
                    .unit("samples")
                    .defaultValue("8640")
                    .doc(
                            "Most anomaly scores kept for the likelihood; at least learning +"
                                    + " estimation.");
    public static final Setting<Integer> LIKELIHOOD_REESTIMATION_PERIOD =
            ours("PENSU_LIKELIHOOD_REESTIMATION_PERIOD")
                    .integer(1, NO_LIMIT)
                    .unit("samples")
                    .defaultValue("100")
                    .doc("Samples between two likelihood distribution estimates.");
    public static final Setting<Double> CLASSIFIER_ALPHA =
            ours("PENSU_CLASSIFIER_ALPHA")
                    .number("a number > 0 and <= 1", a -> a > 0 && a <= 1)
                    .defaultValue("0.1")
                    .doc("Learning rate of the prediction classifier.");
    public static final Setting<ZoneId> TIMEZONE =
            ours("PENSU_TIMEZONE")
                    .parsed("a time zone id such as UTC or Europe/Berlin", ZoneId::of)
                    .defaultValue("UTC")
                    .doc("Time zone of the time-of-day encoder.");
    public static final Setting<Integer> MAX_PARALLELISM =
            ours("PENSU_MAX_PARALLELISM")
                    .integer(1, 32_768)
                    .defaultValue("128")
                    .doc(
                            "Flink max parallelism: the number of key groups, fixed for the life"
                                    + " of the state.");

    private Settings() {}

    /** Every setting, in the order of the docs. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(TABLE);
    }

    /** The setting of that name, or null. */
    static Setting<?> named(String name) {
        for (Setting<?> setting : TABLE) {
            if (setting.name().equals(name)) {
                return setting;
            }
        }
        return null;
    }

    /** The topics the job reads or writes; no two may be the same topic to Kafka. */
    static List<Setting<String>> topics() {
        List<Setting<String>> topics = new ArrayList<>();
        for (Setting<?> setting : TABLE) {
            if (setting.type() == ValueType.TOPIC) {
                @SuppressWarnings("unchecked") // a setting's value has the type of its ValueType
                Setting<String> topic = (Setting<String>) setting;
                topics.add(topic);
            }
        }
        return topics;
    }

    private static Setting.Builder pensu(String name) {
        return Setting.named(name, Origin.PENSU, TABLE::add);
    }

    private static Setting.Builder ours(String name) {
        return Setting.named(name, Origin.OURS, TABLE::add);
    }

    private static Setting<String> obsolete(String name, String replacedBy) {
        return Setting.named(name, Origin.OBSOLETE, TABLE::add).text().doc(replacedBy);
    }

    private static boolean isProbability(double p) {
        return p >= 0 && p <= 1;
    }
}
