package io.pensu.flink.bench;

import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.NetworkOutput;
import io.pensu.flink.model.NetworkParameters;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One warm model's compute per sample, as the detector calls it: encode, spatial pooler, temporal
 * memory, learning on, with the default parameters, on a daily pattern with noise. The network
 * keeps learning while it is measured, as in the job, so its temporal memory grows; after {@link
 * #samplesPerModel} samples it is put back to its warm state, so that both engines are measured
 * over the same ages (measured for a fixed time, a faster engine would otherwise run far older,
 * larger models). SampleTime mode gives the percentiles; samples/s per core is 1 / the mean. Run
 * with {@code scripts/benchmarks.sh engine}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineComputeBenchmark {

    /** Samples that learn the encoder range before the model exists, as in the job. */
    private static final int ENCODER_LEARNING_SAMPLES = 288;

    private static final int ENCODER_BUCKETS = 130;

    private static final long SEED = 42;

    @Param({"htm.java", "compact"})
    public String engine;

    /** Samples computed before measuring, so the temporal memory has segments to match. */
    @Param("1000")
    public int warmSamples;

    /** Samples a warm model computes before it is put back to its warm state. */
    @Param("2000")
    public int samplesPerModel;

    private DailyPattern metric;
    private HtmNetwork network;
    private byte[] warmModel;
    private int computedSinceWarm;

    @Setup(Level.Trial)
    public void createWarmModel() throws IOException {
        metric = new DailyPattern(SEED);
        network =
                HtmEngines.byId(engine)
                        .create(
                                NetworkParameters.defaults(),
                                EncoderRange.learn(
                                        metric.nextValues(ENCODER_LEARNING_SAMPLES),
                                        ENCODER_BUCKETS));
        for (int i = 0; i < warmSamples; i++) {
            computeNextSample();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        network.writeTo(new DataOutputStream(bytes));
        warmModel = bytes.toByteArray();
        computedSinceWarm = 0;
    }

    /** Outside the measured time: a model that has computed its share starts again warm. */
    @Setup(Level.Invocation)
    public void keepTheModelsAge() throws IOException {
        if (computedSinceWarm < samplesPerModel) {
            return;
        }
        network =
                HtmEngines.byId(engine)
                        .read(new DataInputStream(new ByteArrayInputStream(warmModel)));
        metric = new DailyPattern(SEED);
        metric.nextValues(ENCODER_LEARNING_SAMPLES + warmSamples);
        computedSinceWarm = 0;
    }

    @Benchmark
    public NetworkOutput computeNextSample() {
        computedSinceWarm++;
        long timestamp = metric.nextTimestampMillis();
        return network.compute(timestamp, metric.nextValue());
    }
}
