package io.pensu.flink.job.config;

/**
 * Every configuration variable the job understands: the one table that the README's configuration
 * section is checked against. Each is read from the environment or from a program argument {@code
 * --NAME value}.
 */
public enum Variable {
    PENSU_METRICS_KAFKA_TOPIC(
            Origin.PENSU, "metrics", "Input topic: Graphite carbon plaintext lines."),
    PENSU_ANOMALIES_METRICS_KAFKA_TOPIC(
            Origin.PENSU,
            "pensu_anomalies",
            "Output topic for Graphite lines: anomaly_score, anomaly_likelihood, anomaly_direction."),
    PENSU_REPORTED_ANOMALIES_KAFKA_TOPIC(
            Origin.PENSU, "pensu.htm.anomaly_metrics", "Output topic for JSON anomaly reports."),
    PENSU_PREDICTION_METRICS_KAFKA_TOPIC(
            Origin.PENSU,
            "pensu.htm.predictions",
            "Output topic for Graphite lines: prediction, prediction_confidence."),
    PENSU_TOPICS_KAFKA_TOPIC(
            Origin.PENSU,
            "pensu_monitored_topics",
            "Heartbeat topic: receives the input topic's name every report interval."),
    PENSU_TOPICS_REPORT_INTERVAL(
            Origin.PENSU, "10", "Seconds between heartbeats; 0 turns the heartbeat off."),
    PENSU_METRIC_NAMES_TEMPLATE(
            Origin.PENSU,
            "pensu.{{#anomaly_metric}}.metrics_analyzer",
            "Prefix of output metric names; {{#anomaly_metric}} becomes anomaly_score,"
                    + " prediction, ...; the input metric's name follows after a dot."),
    PENSU_ALLOWED_TO_WORK_ON_METRICS(
            Origin.PENSU,
            ".*",
            "Regular expression matched at the start of a metric name; other metrics are"
                    + " skipped."),
    PENSU_MAX_ALLOWED_MODELS(
            Origin.PENSU,
            "10",
            "Most metrics modelled at once (Pensu counted two models per metric, so its 10 meant"
                    + " 5 metrics); samples of further metrics are refused."),
    PENSU_MIN_SECONDS_BETWEEN_OVER_QUOTA_LOG_MSG(
            Origin.PENSU, "300", "Least seconds between two 'quota full' warnings."),
    PENSU_PREDICTION_STEPS(Origin.PENSU, "5", "How many samples ahead predictions look (1..100)."),
    PENSU_ANOMALY_SCORE_THRESHOLD(
            Origin.PENSU, "0.99", "Least raw anomaly score of a reported anomaly (0..1)."),
    PENSU_ANOMALY_LIKELIHOOD_THRESHOLD(
            Origin.PENSU, "0.99999", "Least anomaly likelihood of a reported anomaly (0..1)."),
    PENSU_MINIMUM_CONFIDENCE_FOR_REPORTING(
            Origin.PENSU,
            "0.9",
            "Least confidence of the prediction for a reported anomaly (0..1)."),
    PENSU_MODELS_AUTOSAVE_INTERVAL(
            Origin.PENSU,
            null,
            "Obsolete: Flink checkpoints replace autosaving. If set, and"
                    + " PENSU_CHECKPOINT_INTERVAL is not, it is the checkpoint interval"
                    + " (seconds)."),
    PENSU_KAFKA_CONSUMER_SERVER(
            Origin.PENSU, "kafka:9092", "Kafka bootstrap servers to read from (host:port,...)."),
    PENSU_KAFKA_PRODUCER_SERVER(
            Origin.PENSU, "kafka:9092", "Kafka bootstrap servers to write to (host:port,...)."),
    PENSU_KAFKA_CONSUMER_CLIENT_ID(
            Origin.PENSU,
            "pensu-consumer-{{#instance_id}}-{{#time_started}}",
            "Kafka consumer client id; {{#instance_id}} becomes the host name,"
                    + " {{#time_started}} the start time in epoch seconds."),
    PENSU_KAFKA_PRODUCER_CLIENT_ID(
            Origin.PENSU,
            "pensu-producer-{{#instance_id}}-{{#time_started}}",
            "Kafka producer client id, with the same placeholders."),
    PENSU_KAFKA_CONSUMER_SESSION_TIMEOUT_MS(
            Origin.OBSOLETE,
            null,
            "The Kafka source assigns partitions itself and never joins a consumer group, so it"
                    + " has no session to time out."),
    PENSU_LOGGING_FORMAT(
            Origin.OBSOLETE,
            null,
            "The log line format is the log4j2 layout in Flink's configuration."),
    PENSU_PING_LISTEN_HOST(
            Origin.OBSOLETE, null, "The Flink web UI and REST API carry health and counters."),
    PENSU_PING_LISTEN_PORT(
            Origin.OBSOLETE, null, "The Flink web UI and REST API carry health and counters."),
    PENSU_ANOMALYCALC_FILENAME(
            Origin.OBSOLETE, null, "Likelihood calculators live in Flink keyed state."),
    PENSU_DEAD_LETTER_KAFKA_TOPIC(
            Origin.OURS,
            "pensu_dead_letters",
            "Output topic for rejected input records, with the reason."),
    PENSU_KAFKA_CONSUMER_GROUP(
            Origin.OURS, "pensu", "Kafka consumer group; offsets are committed on checkpoints."),
    PENSU_DELIVERY_GUARANTEE(
            Origin.OURS, "exactly-once", "Kafka output guarantee: exactly-once or at-least-once."),
    PENSU_TRANSACTIONAL_ID_PREFIX(
            Origin.OURS,
            null,
            "Prefix of the Kafka transactional ids (exactly-once), unique per job on a Kafka"
                    + " cluster; unset: the consumer group, a dash and a digest of the six topic"
                    + " names, the same on every start."),
    PENSU_CHECKPOINT_INTERVAL(
            Origin.OURS,
            null,
            "Seconds between Flink checkpoints, at most 240 under exactly-once (see"
                    + " 'Exactly-once and checkpoints'); unset leaves it to the Flink"
                    + " configuration."),
    PENSU_KAFKA_PROPERTIES_FILE(
            Origin.OURS,
            null,
            "Java properties file of Kafka client settings for the job's consumer and producers"
                    + " (security.protocol, sasl.*, ssl.*, ...); each gets those it knows."),
    PENSU_KAFKA_CONSUMER_PROPERTIES_FILE(
            Origin.OURS,
            null,
            "Java properties file of Kafka consumer settings, over PENSU_KAFKA_PROPERTIES_FILE."),
    PENSU_KAFKA_PRODUCER_PROPERTIES_FILE(
            Origin.OURS,
            null,
            "Java properties file of Kafka producer settings, over PENSU_KAFKA_PROPERTIES_FILE."),
    PENSU_OUT_OF_ORDER_POLICY(
            Origin.OURS,
            "reject",
            "Samples not newer than their metric's last one: reject (dead letter) or process."),
    PENSU_MAX_OUT_OF_ORDERNESS(
            Origin.OURS,
            "60",
            "Seconds a sample may arrive after newer ones and still be processed in timestamp"
                    + " order (0..3600); each output waits about this long. 0 processes samples as"
                    + " they arrive: only for producers that key records by metric."),
    PENSU_MAX_LINE_BYTES(
            Origin.OURS,
            "4096",
            "Longest accepted input line in bytes (64..65536: every output copied from a line"
                    + " must fit Kafka's 1 MiB request size)."),
    PENSU_MAX_RECORD_BYTES(
            Origin.OURS,
            "1048576",
            "Largest accepted input Kafka record in bytes (64..16777216), checked before it is"
                    + " decoded; a larger one is one oversized_record dead letter."),
    PENSU_MAX_TIMESTAMP_AHEAD(
            Origin.OURS,
            "600",
            "Seconds a sample's timestamp may lie after its Kafka record's timestamp; later ones"
                    + " are rejected as timestamp_ahead_of_record."),
    PENSU_ENCODER_LEARNING_SAMPLES(
            Origin.OURS,
            "288",
            "Samples used to learn a metric's value range before its model is created"
                    + " (1..100000)."),
    PENSU_SNAPSHOT_INTERVAL_SAMPLES(
            Origin.OURS, "1000", "Samples between snapshots of a model into Flink keyed state."),
    PENSU_SNAPSHOT_AFTER_REPLAY_SAMPLES(
            Origin.OURS,
            "8",
            "A model rebuilt (out of the live-model cache, or after a restore) by replaying about"
                    + " this many journal samples is snapshotted again, so that a metric whose model"
                    + " is rebuilt for each sample replays a few samples instead of up to"
                    + " PENSU_SNAPSHOT_INTERVAL_SAMPLES; spread by metric from half to one and a"
                    + " half times the value, so that metrics that started together do not all"
                    + " rewrite their snapshots at once."),
    PENSU_MODEL_CACHE_SIZE(
            Origin.OURS,
            null,
            "Live models kept in memory per parallel subtask; unset: as many as fit in about 1.2 GB"
                    + " of heap, 256 compact models (~4.5 MB each) or 16 htm.java models"
                    + " (~90 MB each)."),
    PENSU_METRIC_IDLE_TIMEOUT(
            Origin.OURS,
            "604800",
            "Seconds without a sample after which a metric's model and state are dropped and its"
                    + " PENSU_MAX_ALLOWED_MODELS slot is freed (a week: daily and weekend-quiet"
                    + " metrics keep their models); 0 keeps every metric for good."),
    PENSU_HTM_ENGINE(
            Origin.OURS,
            "compact",
            "HTM implementation for new models: compact (our own, in flat arrays), or htm.java;"
                    + " a model keeps the one it was created with."),
    PENSU_MODEL_PARAMETERS(
            Origin.OURS,
            null,
            "Per-metric model parameter rules: JSON inline (starting with '[') or @/path/to/file;"
                    + " unset uses the defaults."),
    PENSU_SPATIAL_ANOMALY_TOLERANCE(
            Origin.OURS,
            "0.05",
            "A value further outside the seen range than this fraction of it scores 1.0;"
                    + " 'off' disables the rule."),
    PENSU_LIKELIHOOD_LEARNING_PERIOD(
            Origin.OURS, "288", "Samples before the likelihood starts estimating."),
    PENSU_LIKELIHOOD_ESTIMATION_SAMPLES(
            Origin.OURS, "100", "Samples of the first likelihood distribution estimate."),
    PENSU_LIKELIHOOD_HISTORY(
            Origin.OURS,
            "8640",
            "Most anomaly scores kept for the likelihood; at least learning + estimation."),
    PENSU_LIKELIHOOD_REESTIMATION_PERIOD(
            Origin.OURS, "100", "Samples between two likelihood distribution estimates."),
    PENSU_CLASSIFIER_ALPHA(
            Origin.OURS, "0.1", "Learning rate of the prediction classifier (0..1]."),
    PENSU_TIMEZONE(Origin.OURS, "UTC", "Time zone of the time-of-day encoder."),
    PENSU_MAX_PARALLELISM(
            Origin.OURS,
            "128",
            "Flink max parallelism: the number of key groups, fixed for the life of the state.");

    /**
     * Where a variable comes from. Obsolete ones are accepted and ignored; their description says
     * what replaces them.
     */
    public enum Origin {
        PENSU,
        OURS,
        OBSOLETE
    }

    private final Origin origin;
    private final String defaultValue;
    private final String description;

    Variable(Origin origin, String defaultValue, String description) {
        this.origin = origin;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public Origin origin() {
        return origin;
    }

    /** The default, or null when unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The variables as a Markdown table, for the README. */
    public static String markdownTable() {
        StringBuilder table =
                new StringBuilder("| Variable | Default | Description |\n|---|---|---|\n");
        for (Variable v : values()) {
            String byDefault = v.defaultValue == null ? "(unset)" : "`" + v.defaultValue + "`";
            String obsolete = v.origin == Origin.OBSOLETE ? "Obsolete, ignored: " : "";
            String notInPensu = v.origin == Origin.OURS ? " (not in Pensu)" : "";
            table.append("| `")
                    .append(v.name())
                    .append("` | ")
                    .append(byDefault)
                    .append(" | ")
                    .append(obsolete)
                    .append(v.description)
                    .append(notInPensu)
                    .append(" |\n");
        }
        return table.toString();
    }
}
