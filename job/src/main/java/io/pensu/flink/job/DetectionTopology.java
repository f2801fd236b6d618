package io.pensu.flink.job;

import io.pensu.flink.detect.AnomalyDecision;
import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.DetectorSettings;
import io.pensu.flink.detect.MetricDetector;
import io.pensu.flink.detect.ModelSettings;
import io.pensu.flink.detect.SampleOrder;
import io.pensu.flink.detect.StateLimits;
import io.pensu.flink.input.AllowedMetrics;
import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.InputLimits;
import io.pensu.flink.input.Sample;
import io.pensu.flink.input.SeparateDeadLetters;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.job.config.Settings;
import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.output.AnomalyReports;
import io.pensu.flink.output.DeadLetters;
import io.pensu.flink.output.FormatGraphiteLines;
import io.pensu.flink.output.FormatGraphiteLines.Lines;
import io.pensu.flink.output.KeyedText;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

import java.time.Duration;

/**
 * The job's dataflow, built once for production (Kafka source and sinks) and for tests (their own
 * sources and sinks). Every operator has a stable uid, so savepoints keep working across releases:
 * never change a uid of a stateful operator.
 */
public final class DetectionTopology {

    public static final String METRICS_SOURCE_UID = "metrics-source";
    public static final String SEPARATE_UID = "separate-dead-letters";
    public static final String ALLOWED_UID = "allowed-metrics";
    public static final String DETECTOR_UID = "htm-detector";

    private DetectionTopology() {}

    /** Adds the whole job to {@code env}. */
    public static void build(
            StreamExecutionEnvironment env,
            PensuConfig settings,
            Source<Either<DeadLetter, Sample>, ?, ?> metricsSource,
            OutputSinks sinks) {
        env.setMaxParallelism(settings.get(Settings.MAX_PARALLELISM));
        // Every record type is immutable and no function keeps a record it was given, so a record
        // passed to several chained operators (each detection goes to three formatters) need not
        // be copied for each of them.
        env.getConfig().enableObjectReuse();

        SingleOutputStreamOperator<Sample> parsed =
                env.fromSource(
                                metricsSource,
                                SampleWatermarks.strategy(
                                        settings.get(Settings.MAX_OUT_OF_ORDERNESS)),
                                "Metrics source")
                        .uid(METRICS_SOURCE_UID)
                        .process(new SeparateDeadLetters())
                        .name("Separate dead letters")
                        .uid(SEPARATE_UID);

        SingleOutputStreamOperator<Sample> allowed =
                parsed.filter(
                                AllowedMetrics.matching(
                                        settings.get(Settings.ALLOWED_TO_WORK_ON_METRICS)
                                                .pattern()))
                        .name("Allowed metrics")
                        .uid(ALLOWED_UID);

        DetectorSettings detectorSettings = detectorSettings(settings);
        SingleOutputStreamOperator<Detection> detections =
                allowed.keyBy(Sample::metric)
                        .process(new MetricDetector(detectorSettings))
                        .name("HTM anomaly detection and prediction")
                        .uid(DETECTOR_UID);

        String template = settings.get(Settings.METRIC_NAMES_TEMPLATE);
        sink(
                detections.flatMap(new FormatGraphiteLines(template, Lines.ANOMALY)),
                "anomaly-lines",
                "Format anomaly lines",
                sinks.anomalyMetrics(),
                "Anomaly metrics sink");
        sink(
                detections.flatMap(new FormatGraphiteLines(template, Lines.PREDICTION)),
                "prediction-lines",
                "Format prediction lines",
                sinks.predictionMetrics(),
                "Prediction metrics sink");
        sink(
                detections
                        .filter(Detection::anomalous)
                        .name("Anomalous samples")
                        .uid("anomalous-samples")
                        .map(AnomalyReports::toJson),
                "anomaly-reports",
                "Format anomaly reports",
                sinks.anomalyReports(),
                "Anomaly reports sink");

        DataStream<DeadLetter> deadLetters =
                parsed.getSideOutput(SeparateDeadLetters.DEAD_LETTERS)
                        .union(detections.getSideOutput(SeparateDeadLetters.DEAD_LETTERS));
        sink(
                deadLetters.map(DeadLetters::toJson),
                "dead-letters",
                "Format dead letters",
                sinks.deadLetters(),
                "Dead letters sink");

        Duration heartbeatInterval = settings.get(Settings.TOPICS_REPORT_INTERVAL);
        if (!heartbeatInterval.isZero()) {
            addHeartbeat(env, settings.get(Settings.METRICS_KAFKA_TOPIC), heartbeatInterval, sinks);
        }
    }

    /** What the parser accepts under {@code config}. */
    public static InputLimits inputLimits(PensuConfig config) {
        return new InputLimits(
                config.get(Settings.MAX_LINE_BYTES),
                config.get(Settings.MAX_RECORD_BYTES),
                config.get(Settings.MAX_TIMESTAMP_AHEAD).toMillis());
    }

    /** What the detector runs with under {@code config}. */
    public static DetectorSettings detectorSettings(PensuConfig config) {
        ModelSettings model =
                new ModelSettings(
                        config.get(Settings.HTM_ENGINE),
                        config.get(Settings.PREDICTION_STEPS),
                        config.get(Settings.CLASSIFIER_ALPHA),
                        new AnomalyLikelihood.Settings(
                                config.get(Settings.LIKELIHOOD_LEARNING_PERIOD),
                                config.get(Settings.LIKELIHOOD_ESTIMATION_SAMPLES),
                                config.get(Settings.LIKELIHOOD_HISTORY),
                                config.get(Settings.LIKELIHOOD_REESTIMATION_PERIOD),
                                AnomalyLikelihood.Settings.defaults().averagingWindow()),
                        config.get(Settings.SPATIAL_ANOMALY_TOLERANCE).orElse(Double.NaN),
                        config.get(Settings.TIMEZONE),
                        config.get(Settings.ENCODER_LEARNING_SAMPLES));
        return new DetectorSettings(
                model,
                config.get(Settings.MODEL_PARAMETERS),
                new AnomalyDecision(
                        config.get(Settings.ANOMALY_SCORE_THRESHOLD),
                        config.get(Settings.ANOMALY_LIKELIHOOD_THRESHOLD),
                        config.get(Settings.MINIMUM_CONFIDENCE_FOR_REPORTING)),
                config.get(Settings.OUT_OF_ORDER_POLICY),
                config.get(Settings.SNAPSHOT_INTERVAL_SAMPLES),
                config.get(Settings.SNAPSHOT_AFTER_REPLAY_SAMPLES),
                config.get(Settings.MODEL_CACHE_SIZE),
                new StateLimits(
                        config.get(Settings.MAX_ALLOWED_MODELS),
                        config.get(Settings.METRIC_IDLE_TIMEOUT),
                        config.get(Settings.MIN_SECONDS_BETWEEN_OVER_QUOTA_LOG_MSG)),
                config.get(Settings.MAX_OUT_OF_ORDERNESS).isZero()
                        ? SampleOrder.ARRIVAL
                        : SampleOrder.EVENT_TIME);
    }

    private static void sink(
            SingleOutputStreamOperator<KeyedText> formatted,
            String uid,
            String formatName,
            Sink<KeyedText> sink,
            String sinkName) {
        formatted
                .name(formatName)
                .uid("format-" + uid)
                .sinkTo(sink)
                .name(sinkName)
                .uid(uid + "-sink");
    }

    /** Pensu's monitored-topics message: the input topic's name, at a fixed interval. */
    private static void addHeartbeat(
            StreamExecutionEnvironment env, String topic, Duration interval, OutputSinks sinks) {
        DataGeneratorSource<KeyedText> ticks =
                new DataGeneratorSource<>(
                        index -> new KeyedText(topic, topic),
                        Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(1000.0 / interval.toMillis()),
                        TypeInformation.of(KeyedText.class));
        env.fromSource(ticks, WatermarkStrategy.noWatermarks(), "Heartbeat")
                .uid("heartbeat-source")
                .setParallelism(1)
                .sinkTo(sinks.heartbeats())
                .name("Heartbeat sink")
                .uid("heartbeat-sink")
                .setParallelism(1);
    }
}
