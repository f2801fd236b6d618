package io.pensu.flink.input;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses Kafka records of carbon lines into samples; whatever it rejects goes to the {@link
 * #DEAD_LETTERS} side output and is counted by reason.
 */
public final class ParseCarbonRecords extends ProcessFunction<RawRecord, Sample> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final CarbonParser parser;

    private transient Counter recordsIn;
    private transient Counter samplesIn;
    private transient RejectionCounters rejections;

    public ParseCarbonRecords(InputLimits limits) {
        this.parser = new CarbonParser(limits);
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        recordsIn = metrics.counter("recordsIn");
        samplesIn = metrics.counter("samplesIn");
        rejections = new RejectionCounters(metrics);
    }

    @Override
    public void processElement(RawRecord record, Context context, Collector<Sample> samples) {
        recordsIn.inc();
        ParsedRecord parsed = parser.parse(record);
        for (Sample sample : parsed.samples()) {
            samples.collect(sample);
            samplesIn.inc();
        }
        for (DeadLetter deadLetter : parsed.deadLetters()) {
            context.output(DEAD_LETTERS, deadLetter);
            rejections.count(deadLetter.reason());
        }
    }
}
