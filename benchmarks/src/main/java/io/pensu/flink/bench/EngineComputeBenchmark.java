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

import java.util.concurrent.TimeUnit;

/**
 * One warm model's compute per sample, as the detector calls it: encode, spatial pooler, temporal
 * memory, learning on, with the default parameters, on a daily pattern with noise. The network
 * keeps learning while it is measured, as in the job, so its temporal memory grows during the run.
 * SampleTime mode gives the percentiles; samples/s per core is 1 / the mean. Run with {@code
 * scripts/benchmarks.sh engine}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineComputeBenchmark {

    /** Samples that learn the encoder range before the model exists, as in the job. */
    private static final int ENCODER_LEARNING_SAMPLES = 288;

    private static final int ENCODER_BUCKETS = 130;

    @Param({"htm.java", "compact"})
    public String engine;

    /** Samples computed before measuring, so the temporal memory has segments to match. */
    @Param("1000")
    public int warmSamples;

    private DailyPattern metric;
    private HtmNetwork network;

    @Setup(Level.Trial)
    public void createWarmModel() {
        metric = new DailyPattern(42);
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
    }

    @Benchmark
    public NetworkOutput computeNextSample() {
        long timestamp = metric.nextTimestampMillis();
        return network.compute(timestamp, metric.nextValue());
    }
}
