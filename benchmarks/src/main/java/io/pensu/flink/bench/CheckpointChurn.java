package io.pensu.flink.bench;

import io.pensu.flink.detect.DetectorSettings;
import io.pensu.flink.job.DetectionTopology;
import io.pensu.flink.job.config.PensuConfig;
import io.pensu.flink.state.DetectorStateDescriptors;
import io.pensu.flink.state.JournalEntry;
import io.pensu.flink.state.MetricStatus;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What incremental checkpoints carry at live speed once every model is old, with the detector's own
 * state layout in RocksDB: a Flink job on a local cluster whose keyed function writes, per sample
 * of each metric, what {@code MetricDetector} writes (its status, a journal entry, and the model
 * snapshot when {@link DetectorSettings#periodicSnapshotDue} says so, with the same state
 * descriptors), but a snapshot of random bytes of a fixed size instead of a model: the models'
 * compute is not what is measured, and their coded snapshots do not compress either.
 *
 * <p>Each checkpoint admits the samples that live operation brings between two checkpoints, so a
 * checkpoint's incremental size is that of a live checkpoint, whatever the wall-clock speed. The
 * first round creates every model (its first snapshot), as a fleet restored or deployed at once.
 *
 * <p>Arguments: {@code <metrics> <rounds> <samples per checkpoint> <snapshot bytes> <out dir>
 * [flink.option=value...]}, e.g. {@code 5000 60 1250 351000 /tmp/churn
 * state.backend.rocksdb.compaction.style=UNIVERSAL}; the REST port is {@code rest.port} (default
 * 18081). Prints a summary and writes {@code checkpoints.tsv} (id, checkpointed bytes, full bytes,
 * duration ms) into the out dir.
 */
public final class CheckpointChurn {

    private static final long SAMPLE_MILLIS = 60_000L;
    private static final long MB = 1_000_000L;

    private CheckpointChurn() {}

    public static void main(String[] args) throws Exception {
        int metrics = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int samplesPerCheckpoint = Integer.parseInt(args[2]);
        int snapshotBytes = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        Files.createDirectories(out);

        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString("execution.checkpointing.interval", "1s");
        conf.setString(
                "execution.checkpointing.dir", out.resolve("checkpoints").toUri().toString());
        conf.setString("web.checkpoints.history", "100000");
        conf.set(RestOptions.PORT, 18081);
        List<String> pensuArgs = new ArrayList<>();
        for (String option : Arrays.asList(args).subList(5, args.length)) {
            int equals = option.indexOf('=');
            String key = option.substring(0, equals);
            String value = option.substring(equals + 1);
            if (key.startsWith("PENSU_")) {
                pensuArgs.addAll(List.of("--" + key, value));
            } else {
                conf.setString(key, value);
            }
        }
        // A local cluster binds any free port unless told; the history is read from this one.
        conf.set(RestOptions.BIND_PORT, String.valueOf(conf.get(RestOptions.PORT)));
        DetectorSettings settings =
                DetectionTopology.detectorSettings(
                        PensuConfig.load(Map.of(), pensuArgs.toArray(String[]::new)));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        DataGeneratorSource<Long> samples =
                new DataGeneratorSource<>(
                        index -> index,
                        (long) metrics * rounds,
                        samplesPerCheckpoint > 0
                                ? RateLimiterStrategy.perCheckpoint(samplesPerCheckpoint)
                                : RateLimiterStrategy.noOp(),
                        Types.LONG);
        env.fromSource(samples, WatermarkStrategy.noWatermarks(), "Samples of every metric in turn")
                .uid("samples")
                .keyBy(index -> metricName(index % metrics))
                .process(new DetectorStateWrites(settings, metrics, snapshotBytes))
                .uid("detector-state-writes")
                .name("Detector state writes")
                .sinkTo(new DiscardingSink<>())
                .uid("discard")
                .name("Discard");
        long started = System.nanoTime();
        JobClient job = env.executeAsync("Checkpoint churn");
        TreeMap<Long, long[]> checkpoints = new TreeMap<>();
        URI history =
                URI.create(
                        "http://127.0.0.1:"
                                + conf.get(RestOptions.PORT)
                                + "/jobs/"
                                + job.getJobID()
                                + "/checkpoints");
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        // The local cluster stops with the job, so the history is read while the job runs.
        while (true) {
            Thread.sleep(1000);
            String body;
            try {
                body =
                        http.send(
                                        HttpRequest.newBuilder(history).build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body();
            } catch (IOException stopped) {
                break;
            }
            for (JsonNode checkpoint : json.readTree(body).path("history")) {
                if (checkpoint.path("status").asText().equals("COMPLETED")) {
                    checkpoints.put(
                            checkpoint.path("id").asLong(),
                            new long[] {
                                checkpoint.path("checkpointed_size").asLong(),
                                checkpoint.path("state_size").asLong(),
                                checkpoint.path("end_to_end_duration").asLong()
                            });
                }
            }
        }
        job.getJobExecutionResult().get();
        System.out.printf(
                "%d samples in %.1f s%n",
                (long) metrics * rounds, (System.nanoTime() - started) / 1e9);
        report(checkpoints, metrics, samplesPerCheckpoint, out, System.out);
    }

    static String metricName(long metric) {
        return String.format("churn.host%05d.cpu", metric);
    }

    /**
     * Writes every checkpoint to {@code checkpoints.tsv} and summarises those after the creation
     * round (its {@code metrics / samplesPerCheckpoint} checkpoints, plus one for the round's end),
     * which carry only live samples.
     */
    private static void report(
            TreeMap<Long, long[]> checkpoints,
            int metrics,
            int samplesPerCheckpoint,
            Path out,
            PrintStream summary)
            throws IOException {
        StringBuilder table =
                new StringBuilder("id\tcheckpointed_bytes\tstate_bytes\tduration_ms\n");
        checkpoints.forEach(
                (id, sizes) ->
                        table.append(id)
                                .append('\t')
                                .append(sizes[0])
                                .append('\t')
                                .append(sizes[1])
                                .append('\t')
                                .append(sizes[2])
                                .append('\n'));
        Files.writeString(out.resolve("checkpoints.tsv"), table);
        long creation = samplesPerCheckpoint > 0 ? metrics / samplesPerCheckpoint + 1 : 1;
        List<long[]> live = List.copyOf(checkpoints.tailMap(creation, false).values());
        long[] sizes = live.stream().mapToLong(s -> s[0]).sorted().toArray();
        if (sizes.length == 0) {
            summary.println("No checkpoint after the creation round: run more rounds.");
            return;
        }
        long total = Arrays.stream(sizes).sum();
        summary.printf(
                "checkpoints after creation: %d; incremental size median %.1f MB, 90th percentile"
                        + " %.1f MB, largest %.1f MB; %d over 100 MB; %.1f MB in all (%.1f MB per"
                        + " checkpoint); full state %.1f MB%n",
                sizes.length,
                sizes[sizes.length / 2] / (double) MB,
                sizes[(int) (sizes.length * 0.9)] / (double) MB,
                sizes[sizes.length - 1] / (double) MB,
                Arrays.stream(sizes).filter(size -> size > 100 * MB).count(),
                total / (double) MB,
                total / (double) MB / sizes.length,
                live.get(live.size() - 1)[1] / (double) MB);
    }

    /** Writes each sample's state as the detector does, with a stand-in for the model. */
    static final class DetectorStateWrites extends KeyedProcessFunction<String, Long, Long> {
        private final DetectorSettings settings;
        private final int metrics;
        private final int snapshotBytes;
        private transient ValueState<MetricStatus> status;
        private transient ValueState<byte[]> snapshot;
        private transient ListState<JournalEntry> journal;

        DetectorStateWrites(DetectorSettings settings, int metrics, int snapshotBytes) {
            this.settings = settings;
            this.metrics = metrics;
            this.snapshotBytes = snapshotBytes;
        }

        @Override
        public void open(OpenContext context) {
            status = getRuntimeContext().getState(DetectorStateDescriptors.status());
            snapshot = getRuntimeContext().getState(DetectorStateDescriptors.modelSnapshot());
            journal = getRuntimeContext().getListState(DetectorStateDescriptors.journal());
        }

        @Override
        public void processElement(Long index, Context context, Collector<Long> out)
                throws Exception {
            String metric = context.getCurrentKey();
            long timestamp = index / metrics * SAMPLE_MILLIS;
            MetricStatus stored = status.value();
            MetricStatus current = stored == null ? MetricStatus.NEW : stored;
            MetricStatus next = current.accept(timestamp);
            if (!current.modelCreated() || settings.periodicSnapshotDue(metric, next)) {
                snapshot.update(modelStandIn(metric, next.samplesAccepted()));
                journal.clear();
                next = next.snapshotted();
            } else {
                journal.add(new JournalEntry(timestamp, index % 97));
            }
            status.update(next);
        }

        private byte[] modelStandIn(String metric, long samples) {
            byte[] bytes = new byte[snapshotBytes];
            new SplittableRandom(metric.hashCode() * 31L + samples).nextBytes(bytes);
            return bytes;
        }
    }
}
