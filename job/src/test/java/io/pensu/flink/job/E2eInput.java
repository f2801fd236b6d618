package io.pensu.flink.job;

import io.pensu.flink.detect.DetectorTestBase;
import io.pensu.flink.input.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end tests' input, which the golden savepoint of release 0.1.0 was taken on: three
 * metrics, one sample a minute, a wave with a spike every 97 samples, in chunks of 60 samples per
 * metric (the savepoint holds the first chunk).
 */
public final class E2eInput {

    public static final List<String> METRICS = List.of("e2e.web.cpu", "e2e.web.mem", "e2e.db.load");
    public static final long START_MILLIS = 1_700_000_000_000L;
    public static final int CHUNK = 60;
    public static final int CHUNKS = 5;

    /**
     * The tests' small network ({@link DetectorTestBase#SMALL_NETWORK}) without alert quieting and
     * with potential pools of 80 % of the input, as the golden savepoint's models were created
     * (0.1.0's defaults).
     */
    public static final String NETWORK =
            DetectorTestBase.SMALL_NETWORK.replace(
                    "}}]", ", \"likelihood.quietSamples\": 0, \"sp.potentialPct\": 0.8}}]");

    private E2eInput() {}

    /**
     * The job's environment of an end-to-end run: the integration tests' (test-sized models), any
     * confidence reports (a small network's predictions are not confident enough for the default
     * 0.9), and {@link #NETWORK}.
     */
    public static Map<String, String> environment(String bootstrapServers, String run) {
        Map<String, String> env = JobTestSupport.environment(bootstrapServers, run);
        env.put("PENSU_MINIMUM_CONFIDENCE_FOR_REPORTING", "0");
        env.put("PENSU_MODEL_PARAMETERS", NETWORK);
        return env;
    }

    /** The value of sample {@code i}, as the carbon line writes it: two decimals. */
    private static String value(int i) {
        double wave = 50 + 40 * Math.sin(2 * Math.PI * i / 30);
        return String.format(Locale.ROOT, "%.2f", i % 97 == 96 ? wave + 300 : wave);
    }

    private static long timestampMillis(int i) {
        return START_MILLIS + 60_000L * i;
    }

    public static Sample sample(String metric, int i) {
        return DetectorTestBase.sample(metric, timestampMillis(i), Double.parseDouble(value(i)));
    }

    /** The samples of chunks {@code from} (inclusive) to {@code to} (exclusive), interleaved. */
    public static List<Sample> chunks(int from, int to) {
        List<Sample> samples = new ArrayList<>();
        for (int i = from * CHUNK; i < to * CHUNK; i++) {
            for (String metric : METRICS) {
                samples.add(sample(metric, i));
            }
        }
        return samples;
    }

    /** The carbon lines of chunks {@code from} to {@code to} (exclusive). */
    public static List<String> lines(int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from * CHUNK; i < to * CHUNK; i++) {
            for (String metric : METRICS) {
                lines.add(metric + " " + value(i) + " " + timestampMillis(i) / 1000);
            }
        }
        return lines;
    }

    /** The first sample's timestamp of chunk {@code chunk}. */
    public static long chunkStartMillis(int chunk) {
        return timestampMillis(chunk * CHUNK);
    }
}
