package io.pensu.flink.input;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

import java.io.Serializable;

/**
 * Splits a Kafka record of carbon lines into one element per line: a sample (right) or a dead
 * letter (left). It runs inside the Kafka source, so that every sample carries its own carbon
 * timestamp into the watermarks of its partition, however many lines a record batches.
 */
public final class CarbonLines implements Serializable {

    private final CarbonParser parser;

    private transient Counter recordsIn;
    private transient Counter samplesIn;
    private transient RejectionCounters rejections;

    public CarbonLines(InputLimits limits) {
        this.parser = new CarbonParser(limits);
    }

    /** Registers the counters {@code recordsIn}, {@code samplesIn} and {@code rejected.*}. */
    public void open(MetricGroup metrics) {
        recordsIn = metrics.counter("recordsIn");
        samplesIn = metrics.counter("samplesIn");
        rejections = new RejectionCounters(metrics);
    }

    public void split(RawRecord record, Collector<Either<DeadLetter, Sample>> out) {
        recordsIn.inc();
        ParsedRecord parsed = parser.parse(record);
        for (Sample sample : parsed.samples()) {
            out.collect(Either.Right(sample));
            samplesIn.inc();
        }
        for (DeadLetter deadLetter : parsed.deadLetters()) {
            out.collect(Either.Left(deadLetter));
            rejections.count(deadLetter.reason());
        }
    }
}
