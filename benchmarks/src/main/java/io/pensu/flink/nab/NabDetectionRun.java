package io.pensu.flink.nab;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.detect.DetectorSettings;
import io.pensu.flink.detect.MetricDetector;
import io.pensu.flink.detect.SampleOrder;
import io.pensu.flink.detect.StateLimits;
import io.pensu.flink.input.Sample;
import io.pensu.flink.input.SeparateDeadLetters;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds NAB files through the job's own {@link MetricDetector} on a local Flink cluster, keyed by
 * file name, one sample per row in file order, and collects each row's outcome. Every file is
 * modelled: the detector runs without the job's quota or idle expiry.
 *
 * <p>Streaming only: the detector sees one sample at a time and nothing else about the file.
 */
public final class NabDetectionRun {

    private final DetectorSettings settings;
    private final int parallelism;
    private final int maxParallelism;
    private final PrintStream progressOut;

    /**
     * @param progressOut where progress goes every 10 s
     */
    public NabDetectionRun(
            DetectorSettings settings,
            int parallelism,
            int maxParallelism,
            PrintStream progressOut) {
        this.settings = settings;
        this.parallelism = parallelism;
        this.maxParallelism = maxParallelism;
        this.progressOut = progressOut;
    }

    /** Runs every file of {@code corpus} (read from {@code dataDir}); returns outcomes by file. */
    public Map<String, FileDetections> run(Path dataDir, NabCorpus corpus) throws Exception {
        List<String> names = List.copyOf(corpus.files().keySet());
        StreamExecutionEnvironment env = environment();
        DataGeneratorSource<Sample> source =
                new DataGeneratorSource<>(
                        new NabFeed(dataDir, names, parallelism, maxParallelism),
                        corpus.rowCount(),
                        TypeInformation.of(Sample.class));
        SingleOutputStreamOperator<Detection> detector =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "NAB rows")
                        .setParallelism(1)
                        .keyBy(Sample::metric)
                        // Each file is fed row by row in its order, as Pensu read it: the rows
                        // the detector rejects are those out of order in the file, so samples go
                        // to the models as they arrive; and every file is modelled.
                        .process(
                                new MetricDetector(
                                        settings.with(StateLimits.none(), SampleOrder.ARRIVAL)))
                        .name("HTM anomaly detection and prediction");
        DataStream<DetectorOutput> detections = detector.map(DetectorOutput::of).name("Detections");
        DataStream<DetectorOutput> rejections =
                detector.getSideOutput(SeparateDeadLetters.DEAD_LETTERS)
                        .map(DetectorOutput::of)
                        .name("Rejections");

        Map<String, List<DetectorOutput>> outputs = new HashMap<>();
        Progress progress = new Progress(corpus.rowCount(), Duration.ofSeconds(10), progressOut);
        try (CloseableIterator<DetectorOutput> results =
                detections.union(rejections).executeAndCollect("NAB through the detector")) {
            while (results.hasNext()) {
                DetectorOutput output = results.next();
                outputs.computeIfAbsent(output.file, f -> new ArrayList<>()).add(output);
                progress.advance();
            }
        }
        progressOut.printf(
                "NAB: %d rows of %d files through the detector in %s (parallelism %d)%n",
                corpus.rowCount(), names.size(), Progress.format(progress.elapsed()), parallelism);

        Map<String, FileDetections> byFile = new HashMap<>();
        for (NabDataFile file : corpus.files().values()) {
            byFile.put(file.name(), rowsOf(file, outputs.getOrDefault(file.name(), List.of())));
        }
        return byFile;
    }

    private StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // As in production: models' snapshots live in RocksDB, off the heap that holds live models.
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.setMaxParallelism(maxParallelism);
        return env;
    }

    /**
     * Puts each detection on its row: a file's detections arrive in its row order, skipping the
     * rejected rows, and each must carry its row's timestamp.
     */
    static FileDetections rowsOf(NabDataFile file, List<DetectorOutput> outputs) {
        boolean[] rejected = new boolean[file.rows()];
        List<DetectorOutput> detections = new ArrayList<>();
        for (DetectorOutput output : outputs) {
            if (output.rejected()) {
                rejected[Math.toIntExact(output.rejectedRow)] = true;
            } else {
                detections.add(output);
            }
        }
        double[] likelihoods = new double[file.rows()];
        double[] predictions = new double[file.rows()];
        Arrays.fill(predictions, Double.NaN);
        int next = 0;
        for (int row = 0; row < file.rows(); row++) {
            if (rejected[row]) {
                continue;
            }
            if (next >= detections.size()
                    || detections.get(next).timestampMillis != file.epochMillis(row)) {
                throw new IllegalStateException(
                        file.name() + ": no detection in order for row " + row);
            }
            predictions[row] = detections.get(next).prediction;
            likelihoods[row] = detections.get(next++).likelihood;
        }
        if (next != detections.size()) {
            throw new IllegalStateException(
                    file.name() + ": " + (detections.size() - next) + " detections left over");
        }
        return new FileDetections(likelihoods, predictions, rejected);
    }
}
