package io.pensu.flink.job.config;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.pensu.flink.job.config.Settings.CHECKPOINT_INTERVAL;
import static io.pensu.flink.job.config.Settings.DELIVERY_GUARANTEE;
import static io.pensu.flink.job.config.Settings.HTM_ENGINE;
import static io.pensu.flink.job.config.Settings.KAFKA_CONSUMER_CLIENT_ID;
import static io.pensu.flink.job.config.Settings.KAFKA_CONSUMER_GROUP;
import static io.pensu.flink.job.config.Settings.KAFKA_CONSUMER_PROPERTIES_FILE;
import static io.pensu.flink.job.config.Settings.KAFKA_PRODUCER_CLIENT_ID;
import static io.pensu.flink.job.config.Settings.KAFKA_PRODUCER_PROPERTIES_FILE;
import static io.pensu.flink.job.config.Settings.KAFKA_PROPERTIES_FILE;
import static io.pensu.flink.job.config.Settings.LIKELIHOOD_ESTIMATION_SAMPLES;
import static io.pensu.flink.job.config.Settings.LIKELIHOOD_HISTORY;
import static io.pensu.flink.job.config.Settings.LIKELIHOOD_LEARNING_PERIOD;
import static io.pensu.flink.job.config.Settings.MODELS_AUTOSAVE_INTERVAL;
import static io.pensu.flink.job.config.Settings.MODEL_CACHE_SIZE;
import static io.pensu.flink.job.config.Settings.MODEL_PARAMETERS;
import static io.pensu.flink.job.config.Settings.TRANSACTIONAL_ID_PREFIX;

/**
 * The job's configuration: the value of every {@link Settings setting}, given in the environment or
 * overridden by a program argument {@code --NAME value}. Loading checks every value and reports all
 * problems in one {@link ConfigException}.
 */
public final class PensuConfig {

    private static final Logger LOG = LoggerFactory.getLogger(PensuConfig.class);

    /** Ids of the HTM engines the job can run. */
    public static final Set<String> HTM_ENGINES = HtmEngines.ids();

    /** Placeholder of {@link Settings#METRIC_NAMES_TEMPLATE}. */
    public static final String ANOMALY_METRIC_PLACEHOLDER = "{{#anomaly_metric}}";

    /** Parsed values; null for a setting that is unset. */
    private final Map<Setting<?>, Object> values = new HashMap<>();

    /** What the startup log shows: the given text, or the value derived from it. */
    private final Map<Setting<?>, String> effective = new LinkedHashMap<>();

    private final Map<String, String> consumerProperties;
    private final Map<String, String> producerProperties;
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
        SettingReader reader =
                new SettingReader(ConfigSources.given(environment, args, diagnostics), diagnostics);
        PensuConfig config = new PensuConfig(reader, clock, hostName, diagnostics);
        diagnostics.warnings().forEach(LOG::warn);
        diagnostics.throwIfErrors();
        return config;
    }

    private PensuConfig(SettingReader r, Clock clock, String hostName, Diagnostics diagnostics) {
        for (Setting<?> setting : Settings.all()) {
            values.put(setting, r.read(setting));
            effective.put(setting, r.raw(setting));
        }
        long started = clock.instant().getEpochSecond();
        derive(
                KAFKA_CONSUMER_CLIENT_ID,
                ValueParsers.clientId(get(KAFKA_CONSUMER_CLIENT_ID), hostName, started));
        derive(
                KAFKA_PRODUCER_CLIENT_ID,
                ValueParsers.clientId(get(KAFKA_PRODUCER_CLIENT_ID), hostName, started));
        Map<String, String> shared = propertiesOf(KAFKA_PROPERTIES_FILE);
        consumerProperties =
                KafkaClientProperties.CONSUMER.merge(
                        shared, propertiesOf(KAFKA_CONSUMER_PROPERTIES_FILE));
        producerProperties =
                KafkaClientProperties.PRODUCER.merge(
                        shared, propertiesOf(KAFKA_PRODUCER_PROPERTIES_FILE));
        Map<Setting<String>, String> topics = new LinkedHashMap<>();
        Settings.topics().forEach(topic -> topics.put(topic, get(topic)));
        if (get(TRANSACTIONAL_ID_PREFIX) == null) {
            derive(
                    TRANSACTIONAL_ID_PREFIX,
                    KafkaNames.transactionalIdPrefix(get(KAFKA_CONSUMER_GROUP), topics.values()));
        }
        Duration checkpointInterval = checkpointInterval(r);
        values.put(CHECKPOINT_INTERVAL, checkpointInterval);
        effective.put(
                CHECKPOINT_INTERVAL,
                checkpointInterval == null ? null : Long.toString(checkpointInterval.toSeconds()));
        checkTransactionsOutliveCheckpoints(r);
        if (get(MODEL_CACHE_SIZE) == null) {
            derive(MODEL_CACHE_SIZE, defaultModelCacheSize(get(HTM_ENGINE)));
        }
        if (get(MODEL_PARAMETERS) == null) {
            values.put(MODEL_PARAMETERS, ModelParameterRules.none());
        }
        KafkaNames.checkDistinct(topics, r);
        checkLikelihoodHistory(r);
        warnAboutObsolete(r);
        warnings = diagnostics.warnings();
    }

    /**
     * The value the job runs with: the given or default one, or what the job derives when it is
     * unset (client ids with their placeholders replaced, the transactional-id prefix, the model
     * cache size, no model parameter rules); null for an optional setting that is unset.
     */
    public <T> T get(Setting<T> setting) {
        @SuppressWarnings("unchecked") // values holds what the setting's own parser returned
        T value = (T) values.get(setting);
        return value;
    }

    /** Empty when the setting is unset and nothing is derived for it. */
    public <T> Optional<T> getOptional(Setting<T> setting) {
        return Optional.ofNullable(get(setting));
    }

    /** Kafka settings for the source from the properties files, none the job sets itself. */
    public Map<String, String> consumerProperties() {
        return consumerProperties;
    }

    /** Kafka settings for the sinks from the properties files, none the job sets itself. */
    public Map<String, String> producerProperties() {
        return producerProperties;
    }

    private <T> void derive(Setting<T> setting, T value) {
        values.put(setting, value);
        effective.put(setting, String.valueOf(value));
    }

    private Map<String, String> propertiesOf(Setting<Map<String, String>> file) {
        return getOptional(file).orElse(Map.of());
    }

    /**
     * About 1.2 GB of live models per subtask, whichever the engine: flink-conf/config.yaml gives
     * each of a TaskManager's two slots about twice that in task heap.
     */
    private static int defaultModelCacheSize(String engine) {
        return HtmJavaEngine.ID.equals(engine) ? 16 : 256;
    }

    /** What loading warned about (also logged at WARN). */
    public List<String> warnings() {
        return warnings;
    }

    /** Every variable with its effective value, one per line, for the startup log. */
    public String describe() {
        StringBuilder text = new StringBuilder("Pensu configuration:");
        effective.forEach(
                (setting, value) -> {
                    text.append("\n  ").append(setting.name()).append(" = ");
                    text.append(value == null ? "(unset)" : value);
                    if (setting.origin() == Setting.Origin.OBSOLETE && value != null) {
                        text.append(" (obsolete, ignored)");
                    }
                });
        return text.toString();
    }

    private void checkLikelihoodHistory(SettingReader r) {
        if (r.anyBad(
                LIKELIHOOD_HISTORY, LIKELIHOOD_LEARNING_PERIOD, LIKELIHOOD_ESTIMATION_SAMPLES)) {
            return;
        }
        int needed = get(LIKELIHOOD_LEARNING_PERIOD) + get(LIKELIHOOD_ESTIMATION_SAMPLES);
        int likelihoodHistory = get(LIKELIHOOD_HISTORY);
        if (likelihoodHistory < needed) {
            r.error(
                    LIKELIHOOD_HISTORY,
                    "must be at least PENSU_LIKELIHOOD_LEARNING_PERIOD +"
                            + " PENSU_LIKELIHOOD_ESTIMATION_SAMPLES = "
                            + needed
                            + ", got '"
                            + likelihoodHistory
                            + "'");
        }
    }

    /**
     * Under exactly-once, a checkpoint interval that Kafka transactions cannot outlive would lose
     * output (see {@link TransactionTimeouts}).
     */
    private void checkTransactionsOutliveCheckpoints(SettingReader r) {
        Duration checkpointInterval = get(CHECKPOINT_INTERVAL);
        if (checkpointInterval == null
                || get(DELIVERY_GUARANTEE) != DeliveryGuarantee.EXACTLY_ONCE
                || r.anyBad(DELIVERY_GUARANTEE)
                || TransactionTimeouts.covers(checkpointInterval, Duration.ZERO, 0)) {
            return;
        }
        long longest = TransactionTimeouts.LONGEST_CYCLE.toSeconds();
        boolean legacy = !r.isGiven(CHECKPOINT_INTERVAL);
        r.error(
                legacy ? MODELS_AUTOSAVE_INTERVAL : CHECKPOINT_INTERVAL,
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
    private Duration checkpointInterval(SettingReader r) {
        Duration checkpoint = get(CHECKPOINT_INTERVAL);
        if (r.isGiven(MODELS_AUTOSAVE_INTERVAL)) {
            if (r.isGiven(CHECKPOINT_INTERVAL)) {
                r.warning(
                        "PENSU_MODELS_AUTOSAVE_INTERVAL is obsolete and ignored:"
                                + " PENSU_CHECKPOINT_INTERVAL is set");
            } else {
                r.warning(
                        "PENSU_MODELS_AUTOSAVE_INTERVAL is obsolete (Flink checkpoints replace"
                                + " autosaving); it is used as the checkpoint interval. Set"
                                + " PENSU_CHECKPOINT_INTERVAL instead.");
                checkpoint = get(MODELS_AUTOSAVE_INTERVAL);
            }
        }
        return checkpoint;
    }

    private static void warnAboutObsolete(SettingReader r) {
        for (Setting<?> setting : Settings.all()) {
            if (setting.origin() == Setting.Origin.OBSOLETE && r.isGiven(setting)) {
                r.warning(setting.name() + " is obsolete and ignored: " + setting.description());
            }
        }
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
