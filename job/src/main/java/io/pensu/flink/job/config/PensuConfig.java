package io.pensu.flink.job.config;

import io.pensu.flink.detect.OutOfOrderPolicy;
import io.pensu.flink.input.InputLimits;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.model.ModelParameterRules;
import io.pensu.flink.model.htmjava.HtmJavaEngine;

import org.apache.flink.connector.base.DeliveryGuarantee;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Pattern;

import static io.pensu.flink.job.config.Variable.PENSU_ALLOWED_TO_WORK_ON_METRICS;
import static io.pensu.flink.job.config.Variable.PENSU_ANOMALIES_METRICS_KAFKA_TOPIC;
import static io.pensu.flink.job.config.Variable.PENSU_ANOMALY_LIKELIHOOD_THRESHOLD;
import static io.pensu.flink.job.config.Variable.PENSU_ANOMALY_SCORE_THRESHOLD;
import static io.pensu.flink.job.config.Variable.PENSU_CHECKPOINT_INTERVAL;
import static io.pensu.flink.job.config.Variable.PENSU_CLASSIFIER_ALPHA;
import static io.pensu.flink.job.config.Variable.PENSU_DEAD_LETTER_KAFKA_TOPIC;
import static io.pensu.flink.job.config.Variable.PENSU_DELIVERY_GUARANTEE;
import static io.pensu.flink.job.config.Variable.PENSU_ENCODER_LEARNING_SAMPLES;
import static io.pensu.flink.job.config.Variable.PENSU_HTM_ENGINE;
import static io.pensu.flink.job.config.Variable.PENSU_KAFKA_CONSUMER_CLIENT_ID;
import static io.pensu.flink.job.config.Variable.PENSU_KAFKA_CONSUMER_GROUP;
import static io.pensu.flink.job.config.Variable.PENSU_KAFKA_CONSUMER_PROPERTIES_FILE;
import static io.pensu.flink.job.config.Variable.PENSU_KAFKA_CONSUMER_SERVER;
import static io.pensu.flink.job.config.Variable.PENSU_KAFKA_PRODUCER_CLIENT_ID;
import static io.pensu.flink.job.config.Variable.PENSU_KAFKA_PRODUCER_PROPERTIES_FILE;
import static io.pensu.flink.job.config.Variable.PENSU_KAFKA_PRODUCER_SERVER;
import static io.pensu.flink.job.config.Variable.PENSU_KAFKA_PROPERTIES_FILE;
import static io.pensu.flink.job.config.Variable.PENSU_LIKELIHOOD_ESTIMATION_SAMPLES;
import static io.pensu.flink.job.config.Variable.PENSU_LIKELIHOOD_HISTORY;
import static io.pensu.flink.job.config.Variable.PENSU_LIKELIHOOD_LEARNING_PERIOD;
import static io.pensu.flink.job.config.Variable.PENSU_LIKELIHOOD_REESTIMATION_PERIOD;
import static io.pensu.flink.job.config.Variable.PENSU_MAX_ALLOWED_MODELS;
import static io.pensu.flink.job.config.Variable.PENSU_MAX_LINE_BYTES;
import static io.pensu.flink.job.config.Variable.PENSU_MAX_OUT_OF_ORDERNESS;
import static io.pensu.flink.job.config.Variable.PENSU_MAX_PARALLELISM;
import static io.pensu.flink.job.config.Variable.PENSU_MAX_RECORD_BYTES;
import static io.pensu.flink.job.config.Variable.PENSU_MAX_TIMESTAMP_AHEAD;
import static io.pensu.flink.job.config.Variable.PENSU_METRICS_KAFKA_TOPIC;
import static io.pensu.flink.job.config.Variable.PENSU_METRIC_IDLE_TIMEOUT;
import static io.pensu.flink.job.config.Variable.PENSU_METRIC_NAMES_TEMPLATE;
import static io.pensu.flink.job.config.Variable.PENSU_MINIMUM_CONFIDENCE_FOR_REPORTING;
import static io.pensu.flink.job.config.Variable.PENSU_MIN_SECONDS_BETWEEN_OVER_QUOTA_LOG_MSG;
import static io.pensu.flink.job.config.Variable.PENSU_MODELS_AUTOSAVE_INTERVAL;
import static io.pensu.flink.job.config.Variable.PENSU_MODEL_CACHE_SIZE;
import static io.pensu.flink.job.config.Variable.PENSU_MODEL_PARAMETERS;
import static io.pensu.flink.job.config.Variable.PENSU_OUT_OF_ORDER_POLICY;
import static io.pensu.flink.job.config.Variable.PENSU_PREDICTION_METRICS_KAFKA_TOPIC;
import static io.pensu.flink.job.config.Variable.PENSU_PREDICTION_STEPS;
import static io.pensu.flink.job.config.Variable.PENSU_REPORTED_ANOMALIES_KAFKA_TOPIC;
import static io.pensu.flink.job.config.Variable.PENSU_SNAPSHOT_AFTER_REPLAY_SAMPLES;
import static io.pensu.flink.job.config.Variable.PENSU_SNAPSHOT_INTERVAL_SAMPLES;
import static io.pensu.flink.job.config.Variable.PENSU_SPATIAL_ANOMALY_TOLERANCE;
import static io.pensu.flink.job.config.Variable.PENSU_TIMEZONE;
import static io.pensu.flink.job.config.Variable.PENSU_TOPICS_KAFKA_TOPIC;
import static io.pensu.flink.job.config.Variable.PENSU_TOPICS_REPORT_INTERVAL;
import static io.pensu.flink.job.config.Variable.PENSU_TRANSACTIONAL_ID_PREFIX;

/**
 * The job's configuration: Pensu's environment variables plus ours (see {@link Variable}), each
 * overridable by a program argument {@code --NAME value}. Loading checks every value and reports
 * all problems in one {@link ConfigException}.
 */
public final class PensuConfig {

    private static final Logger LOG = LoggerFactory.getLogger(PensuConfig.class);

    /** Ids of the HTM engines the job can run. */
    public static final java.util.Set<String> HTM_ENGINES = HtmEngines.ids();

    /** Placeholder of {@link Variable#PENSU_METRIC_NAMES_TEMPLATE}. */
    public static final String ANOMALY_METRIC_PLACEHOLDER = "{{#anomaly_metric}}";

    private static final int NO_LIMIT = Integer.MAX_VALUE;
    private static final String PROBABILITY = "a number between 0 and 1";

    /** Topics the job reads or writes; no two may be the same topic to Kafka. */
    private static final List<Variable> TOPICS =
            List.of(
                    PENSU_METRICS_KAFKA_TOPIC,
                    PENSU_ANOMALIES_METRICS_KAFKA_TOPIC,
                    PENSU_REPORTED_ANOMALIES_KAFKA_TOPIC,
                    PENSU_PREDICTION_METRICS_KAFKA_TOPIC,
                    PENSU_TOPICS_KAFKA_TOPIC,
                    PENSU_DEAD_LETTER_KAFKA_TOPIC);

    private final Map<Variable, String> topics = new EnumMap<>(Variable.class);
    private final Duration heartbeatInterval;
    private final String metricNamesTemplate;
    private final Pattern allowedMetrics;
    private final int maxAllowedModels;
    private final Duration overQuotaLogInterval;
    private final Duration metricIdleTimeout;
    private final int predictionSteps;
    private final double anomalyScoreThreshold;
    private final double anomalyLikelihoodThreshold;
    private final double minimumConfidenceForReporting;
    private final String consumerBootstrapServers;
    private final String producerBootstrapServers;
    private final String consumerClientId;
    private final String producerClientId;
    private final Map<String, String> consumerProperties;
    private final Map<String, String> producerProperties;
    private final String consumerGroup;
    private final DeliveryGuarantee deliveryGuarantee;
    private final String transactionalIdPrefix;
    private final Duration checkpointInterval;
    private final OutOfOrderPolicy outOfOrderPolicy;
    private final int maxLineBytes;
    private final int maxRecordBytes;
    private final Duration maxTimestampAhead;
    private final Duration maxOutOfOrderness;
    private final int encoderLearningSamples;
    private final int snapshotIntervalSamples;
    private final int snapshotAfterReplaySamples;
    private final int modelCacheSize;
    private final String htmEngine;
    private final ModelParameterRules modelParameterRules;
    private final OptionalDouble spatialAnomalyTolerance;
    private final int likelihoodLearningPeriod;
    private final int likelihoodEstimationSamples;
    private final int likelihoodHistory;
    private final int likelihoodReestimationPeriod;
    private final double classifierAlpha;
    private final ZoneId timeZone;
    private final int maxParallelism;
    private final Map<Variable, String> effective = new EnumMap<>(Variable.class);
    private final List<String> warnings;

    /** Loads from the process environment and program arguments, as the job's main does. */
    public static PensuConfig load(Map<String, String> environment, String[] args) {
        return load(environment, args, Clock.systemUTC(), localHostName());
    }

    /**
     * @param clock gives {{#time_started}} in the client ids
     * @param hostName replaces {{#instance_id}} in the client ids
     * @throws ConfigException listing every bad value
     */
    public static PensuConfig load(
            Map<String, String> environment, String[] args, Clock clock, String hostName) {
        Diagnostics diagnostics = new Diagnostics();
        VariableReader reader =
                new VariableReader(
                        ConfigSources.given(environment, args, diagnostics), diagnostics);
        PensuConfig config = new PensuConfig(reader, clock, hostName, diagnostics);
        diagnostics.warnings().forEach(LOG::warn);
        diagnostics.throwIfErrors();
        return config;
    }

    private PensuConfig(VariableReader r, Clock clock, String hostName, Diagnostics diagnostics) {
        for (Variable v : Variable.values()) {
            effective.put(v, r.raw(v));
        }
        for (Variable topic : TOPICS) {
            topics.put(topic, r.read(topic, KafkaNames.TOPIC_NAME, KafkaNames::topic));
        }
        heartbeatInterval = seconds(r.integer(PENSU_TOPICS_REPORT_INTERVAL, 0, NO_LIMIT));
        metricNamesTemplate =
                r.read(
                        PENSU_METRIC_NAMES_TEMPLATE,
                        "a metric name containing " + ANOMALY_METRIC_PLACEHOLDER + " and no blanks",
                        t ->
                                t.contains(ANOMALY_METRIC_PLACEHOLDER)
                                                && t.chars().noneMatch(Character::isWhitespace)
                                        ? t
                                        : null);
        allowedMetrics =
                r.read(
                        PENSU_ALLOWED_TO_WORK_ON_METRICS,
                        "a Java regular expression",
                        ValueParsers::regex);
        maxAllowedModels = r.integer(PENSU_MAX_ALLOWED_MODELS, 1, NO_LIMIT);
        overQuotaLogInterval =
                seconds(r.integer(PENSU_MIN_SECONDS_BETWEEN_OVER_QUOTA_LOG_MSG, 0, NO_LIMIT));
        metricIdleTimeout = seconds(r.integer(PENSU_METRIC_IDLE_TIMEOUT, 0, NO_LIMIT));
        predictionSteps = r.integer(PENSU_PREDICTION_STEPS, 1, 100);
        anomalyScoreThreshold =
                r.number(PENSU_ANOMALY_SCORE_THRESHOLD, PROBABILITY, PensuConfig::isProbability);
        anomalyLikelihoodThreshold =
                r.number(
                        PENSU_ANOMALY_LIKELIHOOD_THRESHOLD,
                        PROBABILITY,
                        PensuConfig::isProbability);
        minimumConfidenceForReporting =
                r.number(
                        PENSU_MINIMUM_CONFIDENCE_FOR_REPORTING,
                        PROBABILITY,
                        PensuConfig::isProbability);
        consumerBootstrapServers =
                r.read(PENSU_KAFKA_CONSUMER_SERVER, KafkaNames.SERVER_LIST, KafkaNames::servers);
        producerBootstrapServers =
                r.read(PENSU_KAFKA_PRODUCER_SERVER, KafkaNames.SERVER_LIST, KafkaNames::servers);
        long started = clock.instant().getEpochSecond();
        consumerClientId =
                ValueParsers.clientId(r.raw(PENSU_KAFKA_CONSUMER_CLIENT_ID), hostName, started);
        producerClientId =
                ValueParsers.clientId(r.raw(PENSU_KAFKA_PRODUCER_CLIENT_ID), hostName, started);
        effective.put(PENSU_KAFKA_CONSUMER_CLIENT_ID, consumerClientId);
        effective.put(PENSU_KAFKA_PRODUCER_CLIENT_ID, producerClientId);
        Map<String, String> shared =
                clientProperties(r, PENSU_KAFKA_PROPERTIES_FILE, KafkaClientProperties::readShared);
        consumerProperties =
                KafkaClientProperties.CONSUMER.merge(
                        shared,
                        clientProperties(
                                r,
                                PENSU_KAFKA_CONSUMER_PROPERTIES_FILE,
                                KafkaClientProperties.CONSUMER::read));
        producerProperties =
                KafkaClientProperties.PRODUCER.merge(
                        shared,
                        clientProperties(
                                r,
                                PENSU_KAFKA_PRODUCER_PROPERTIES_FILE,
                                KafkaClientProperties.PRODUCER::read));
        consumerGroup = r.raw(PENSU_KAFKA_CONSUMER_GROUP);
        deliveryGuarantee =
                r.read(
                        PENSU_DELIVERY_GUARANTEE,
                        "exactly-once or at-least-once",
                        ValueParsers::guarantee);
        String prefix =
                r.read(
                        PENSU_TRANSACTIONAL_ID_PREFIX,
                        "1 to 249 characters of a-z A-Z 0-9 . _ -",
                        KafkaNames::topic);
        transactionalIdPrefix =
                prefix != null
                        ? prefix
                        : KafkaNames.transactionalIdPrefix(consumerGroup, topics.values());
        effective.put(PENSU_TRANSACTIONAL_ID_PREFIX, transactionalIdPrefix);
        checkpointInterval = checkpointInterval(r);
        effective.put(
                PENSU_CHECKPOINT_INTERVAL,
                checkpointInterval == null ? null : Long.toString(checkpointInterval.toSeconds()));
        checkTransactionsOutliveCheckpoints(r);
        outOfOrderPolicy =
                r.read(
                        PENSU_OUT_OF_ORDER_POLICY,
                        "reject or process",
                        ValueParsers::outOfOrderPolicy);
        maxLineBytes = r.integer(PENSU_MAX_LINE_BYTES, 64, InputLimits.LARGEST_MAX_LINE_BYTES);
        maxRecordBytes = r.integer(PENSU_MAX_RECORD_BYTES, 64, 16_777_216);
        maxTimestampAhead = seconds(r.integer(PENSU_MAX_TIMESTAMP_AHEAD, 0, NO_LIMIT));
        maxOutOfOrderness = seconds(r.integer(PENSU_MAX_OUT_OF_ORDERNESS, 0, 3600));
        encoderLearningSamples = r.integer(PENSU_ENCODER_LEARNING_SAMPLES, 1, 100_000);
        snapshotIntervalSamples = r.integer(PENSU_SNAPSHOT_INTERVAL_SAMPLES, 1, NO_LIMIT);
        snapshotAfterReplaySamples = r.integer(PENSU_SNAPSHOT_AFTER_REPLAY_SAMPLES, 1, NO_LIMIT);
        Integer cacheSize = r.integer(PENSU_MODEL_CACHE_SIZE, 1, NO_LIMIT);
        htmEngine =
                r.read(
                        PENSU_HTM_ENGINE,
                        "one of " + HTM_ENGINES,
                        e -> HTM_ENGINES.contains(e) ? e : null);
        modelCacheSize = cacheSize != null ? cacheSize : defaultModelCacheSize(htmEngine);
        ModelParameterRules rules =
                r.read(
                        PENSU_MODEL_PARAMETERS,
                        "model parameter rules: JSON starting with '[' or @/path/to/rules.json",
                        ValueParsers::modelParameterRules);
        modelParameterRules = rules == null ? ModelParameterRules.none() : rules;
        spatialAnomalyTolerance =
                r.read(
                        PENSU_SPATIAL_ANOMALY_TOLERANCE,
                        "a number >= 0 or 'off'",
                        ValueParsers::tolerance);
        likelihoodLearningPeriod = r.integer(PENSU_LIKELIHOOD_LEARNING_PERIOD, 1, NO_LIMIT);
        likelihoodEstimationSamples = r.integer(PENSU_LIKELIHOOD_ESTIMATION_SAMPLES, 1, NO_LIMIT);
        likelihoodHistory = r.integer(PENSU_LIKELIHOOD_HISTORY, 1, NO_LIMIT);
        likelihoodReestimationPeriod = r.integer(PENSU_LIKELIHOOD_REESTIMATION_PERIOD, 1, NO_LIMIT);
        classifierAlpha =
                r.number(PENSU_CLASSIFIER_ALPHA, "a number > 0 and <= 1", a -> a > 0 && a <= 1);
        timeZone =
                r.read(PENSU_TIMEZONE, "a time zone id such as UTC or Europe/Berlin", ZoneId::of);
        maxParallelism = r.integer(PENSU_MAX_PARALLELISM, 1, 32_768);
        KafkaNames.checkDistinct(topics, r);
        checkLikelihoodHistory(r);
        warnAboutObsolete(r);
        warnings = diagnostics.warnings();
    }

    public String metricsTopic() {
        return topics.get(PENSU_METRICS_KAFKA_TOPIC);
    }

    public String anomalyMetricsTopic() {
        return topics.get(PENSU_ANOMALIES_METRICS_KAFKA_TOPIC);
    }

    public String reportedAnomaliesTopic() {
        return topics.get(PENSU_REPORTED_ANOMALIES_KAFKA_TOPIC);
    }

    public String predictionMetricsTopic() {
        return topics.get(PENSU_PREDICTION_METRICS_KAFKA_TOPIC);
    }

    /** Where the input topic's name is sent every {@link #heartbeatInterval()}. */
    public String heartbeatTopic() {
        return topics.get(PENSU_TOPICS_KAFKA_TOPIC);
    }

    public String deadLetterTopic() {
        return topics.get(PENSU_DEAD_LETTER_KAFKA_TOPIC);
    }

    /** Empty when the heartbeat is off. */
    public Optional<Duration> heartbeatInterval() {
        return heartbeatInterval.isZero() ? Optional.empty() : Optional.of(heartbeatInterval);
    }

    /** Contains {@link #ANOMALY_METRIC_PLACEHOLDER}. */
    public String metricNamesTemplate() {
        return metricNamesTemplate;
    }

    /** Matched with {@link java.util.regex.Matcher#lookingAt()}, as Python's re.match. */
    public Pattern allowedMetrics() {
        return allowedMetrics;
    }

    /** Most metrics modelled at once. */
    public int maxAllowedModels() {
        return maxAllowedModels;
    }

    public Duration overQuotaLogInterval() {
        return overQuotaLogInterval;
    }

    /** How long a metric may go without a sample before it is forgotten; zero: never. */
    public Duration metricIdleTimeout() {
        return metricIdleTimeout;
    }

    public int predictionSteps() {
        return predictionSteps;
    }

    public double anomalyScoreThreshold() {
        return anomalyScoreThreshold;
    }

    public double anomalyLikelihoodThreshold() {
        return anomalyLikelihoodThreshold;
    }

    public double minimumConfidenceForReporting() {
        return minimumConfidenceForReporting;
    }

    /** Kafka bootstrap.servers for the source. */
    public String consumerBootstrapServers() {
        return consumerBootstrapServers;
    }

    /** Kafka bootstrap.servers for the sinks. */
    public String producerBootstrapServers() {
        return producerBootstrapServers;
    }

    /** With the placeholders replaced. */
    public String consumerClientId() {
        return consumerClientId;
    }

    /** With the placeholders replaced. */
    public String producerClientId() {
        return producerClientId;
    }

    /** Kafka settings for the source from the properties files, none the job sets itself. */
    public Map<String, String> consumerProperties() {
        return consumerProperties;
    }

    /** Kafka settings for the sinks from the properties files, none the job sets itself. */
    public Map<String, String> producerProperties() {
        return producerProperties;
    }

    public String consumerGroup() {
        return consumerGroup;
    }

    public DeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    /** Empty when the Flink configuration decides. */
    public Optional<Duration> checkpointInterval() {
        return Optional.ofNullable(checkpointInterval);
    }

    public OutOfOrderPolicy outOfOrderPolicy() {
        return outOfOrderPolicy;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** Checked before a record is decoded. */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** How far a sample's timestamp may lie after its Kafka record's timestamp. */
    public Duration maxTimestampAhead() {
        return maxTimestampAhead;
    }

    /** How late a sample may be and still be ordered by timestamp; zero orders by arrival. */
    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    public int encoderLearningSamples() {
        return encoderLearningSamples;
    }

    public int snapshotIntervalSamples() {
        return snapshotIntervalSamples;
    }

    public int snapshotAfterReplaySamples() {
        return snapshotAfterReplaySamples;
    }

    public int modelCacheSize() {
        return modelCacheSize;
    }

    /**
     * About 1.2 GB of live models per subtask, whichever the engine: flink-conf/config.yaml gives
     * each of a TaskManager's two slots about twice that in task heap.
     */
    private static int defaultModelCacheSize(String engine) {
        return HtmJavaEngine.ID.equals(engine) ? 16 : 256;
    }

    /** One of {@link #HTM_ENGINES}. */
    public String htmEngine() {
        return htmEngine;
    }

    public ModelParameterRules modelParameterRules() {
        return modelParameterRules;
    }

    /** Empty when the spatial anomaly rule is off. */
    public OptionalDouble spatialAnomalyTolerance() {
        return spatialAnomalyTolerance;
    }

    public int likelihoodLearningPeriod() {
        return likelihoodLearningPeriod;
    }

    public int likelihoodEstimationSamples() {
        return likelihoodEstimationSamples;
    }

    public int likelihoodHistory() {
        return likelihoodHistory;
    }

    public int likelihoodReestimationPeriod() {
        return likelihoodReestimationPeriod;
    }

    public double classifierAlpha() {
        return classifierAlpha;
    }

    /** The zone whose local time the time-of-day encoder sees. */
    public ZoneId timeZone() {
        return timeZone;
    }

    public int maxParallelism() {
        return maxParallelism;
    }

    /** What loading warned about (also logged at WARN). */
    public List<String> warnings() {
        return warnings;
    }

    /** Every variable with its effective value, one per line, for the startup log. */
    public String describe() {
        StringBuilder text = new StringBuilder("Pensu configuration:");
        effective.forEach(
                (v, value) -> {
                    text.append("\n  ").append(v.name()).append(" = ");
                    text.append(value == null ? "(unset)" : value);
                    if (v.origin() == Variable.Origin.OBSOLETE && value != null) {
                        text.append(" (obsolete, ignored)");
                    }
                });
        return text.toString();
    }

    private void checkLikelihoodHistory(VariableReader r) {
        if (r.anyBad(
                PENSU_LIKELIHOOD_HISTORY,
                PENSU_LIKELIHOOD_LEARNING_PERIOD,
                PENSU_LIKELIHOOD_ESTIMATION_SAMPLES)) {
            return;
        }
        int needed = likelihoodLearningPeriod + likelihoodEstimationSamples;
        if (likelihoodHistory < needed) {
            r.error(
                    PENSU_LIKELIHOOD_HISTORY,
                    "must be at least PENSU_LIKELIHOOD_LEARNING_PERIOD +"
                            + " PENSU_LIKELIHOOD_ESTIMATION_SAMPLES = "
                            + needed
                            + ", got '"
                            + likelihoodHistory
                            + "'");
        }
    }

    private static Map<String, String> clientProperties(
            VariableReader r, Variable file, Function<String, Map<String, String>> reader) {
        Map<String, String> properties = r.read(file, KafkaClientProperties.EXPECTED, reader);
        return properties == null ? Map.of() : properties;
    }

    /**
     * Under exactly-once, a checkpoint interval that Kafka transactions cannot outlive would lose
     * output (see {@link TransactionTimeouts}).
     */
    private void checkTransactionsOutliveCheckpoints(VariableReader r) {
        if (checkpointInterval == null
                || deliveryGuarantee != DeliveryGuarantee.EXACTLY_ONCE
                || r.anyBad(PENSU_DELIVERY_GUARANTEE)
                || TransactionTimeouts.covers(checkpointInterval, Duration.ZERO, 0)) {
            return;
        }
        long longest = TransactionTimeouts.LONGEST_CYCLE.toSeconds();
        boolean legacy = !r.isGiven(PENSU_CHECKPOINT_INTERVAL);
        r.error(
                legacy ? PENSU_MODELS_AUTOSAVE_INTERVAL : PENSU_CHECKPOINT_INTERVAL,
                (legacy ? "(used as the checkpoint interval) " : "")
                        + "must be at most "
                        + longest
                        + " seconds under exactly-once output, got '"
                        + checkpointInterval.toSeconds()
                        + "': "
                        + TransactionTimeouts.rule()
                        + ". Set PENSU_CHECKPOINT_INTERVAL to "
                        + longest
                        + " or less, or PENSU_DELIVERY_GUARANTEE=at-least-once");
    }

    /** The autosave interval of Pensu becomes the checkpoint interval, unless one is set. */
    private static Duration checkpointInterval(VariableReader r) {
        Integer checkpoint = r.integer(PENSU_CHECKPOINT_INTERVAL, 1, NO_LIMIT);
        Integer autosave = r.integer(PENSU_MODELS_AUTOSAVE_INTERVAL, 1, NO_LIMIT);
        if (r.isGiven(PENSU_MODELS_AUTOSAVE_INTERVAL)) {
            if (r.isGiven(PENSU_CHECKPOINT_INTERVAL)) {
                r.warning(
                        "PENSU_MODELS_AUTOSAVE_INTERVAL is obsolete and ignored:"
                                + " PENSU_CHECKPOINT_INTERVAL is set");
            } else {
                r.warning(
                        "PENSU_MODELS_AUTOSAVE_INTERVAL is obsolete (Flink checkpoints replace"
                                + " autosaving); it is used as the checkpoint interval. Set"
                                + " PENSU_CHECKPOINT_INTERVAL instead.");
                checkpoint = autosave;
            }
        }
        return checkpoint == null ? null : Duration.ofSeconds(checkpoint);
    }

    private static void warnAboutObsolete(VariableReader r) {
        for (Variable v : Variable.values()) {
            if (v.origin() == Variable.Origin.OBSOLETE && r.isGiven(v)) {
                r.warning(v.name() + " is obsolete and ignored: " + v.description());
            }
        }
    }

    private static boolean isProbability(double p) {
        return p >= 0 && p <= 1;
    }

    private static Duration seconds(Integer seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            LOG.warn("Cannot find this host's name for the Kafka client ids; using 'localhost'", e);
            return "localhost";
        }
    }
}
