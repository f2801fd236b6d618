package io.pensu.flink.generator;

import java.io.PrintStream;

/** Prints each line, e.g. to try the generator without Kafka or to pipe into another client. */
final class StdoutLineSink implements LineSink {

    private final PrintStream out;

    StdoutLineSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void send(MetricLine line) {
        out.println(line.toCarbon());
    }

    @Override
    public void close() {
        out.flush();
    }
}
