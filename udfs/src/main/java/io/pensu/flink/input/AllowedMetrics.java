package io.pensu.flink.input;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Keeps the samples whose metric name matches PENSU_ALLOWED_TO_WORK_ON_METRICS the way Pensu's
 * Python {@code re.match} does: anchored at the start of the name only.
 */
public final class AllowedMetrics extends RichFilterFunction<Sample> {

    private final String regex;

    private transient Pattern pattern;
    private transient Counter samplesNotAllowed;

    private AllowedMetrics(String regex) {
        this.regex = regex;
    }

    /**
     * @throws IllegalArgumentException when the regex does not compile, so that a bad setting stops
     *     the job at submission instead of in every task
     */
    public static AllowedMetrics matching(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "PENSU_ALLOWED_TO_WORK_ON_METRICS is not a valid regular expression: "
                            + e.getMessage(),
                    e);
        }
        return new AllowedMetrics(regex);
    }

    @Override
    public void open(OpenContext openContext) {
        pattern = Pattern.compile(regex);
        samplesNotAllowed = getRuntimeContext().getMetricGroup().counter("samplesNotAllowed");
    }

    @Override
    public boolean filter(Sample sample) {
        boolean allowed = pattern.matcher(sample.metric()).lookingAt();
        if (!allowed) {
            samplesNotAllowed.inc();
        }
        return allowed;
    }
}
