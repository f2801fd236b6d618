package io.pensu.flink.input;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes the samples of {@link CarbonLines} on and sends its dead letters to the {@link
 * #DEAD_LETTERS} side output, which the detector's rejections join on their way to the dead-letter
 * topic.
 */
public final class SeparateDeadLetters extends ProcessFunction<Either<DeadLetter, Sample>, Sample> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    @Override
    public void processElement(
            Either<DeadLetter, Sample> line, Context context, Collector<Sample> samples) {
        if (line.isRight()) {
            samples.collect(line.right());
        } else {
            context.output(DEAD_LETTERS, line.left());
        }
    }
}
