package io.pensu.flink.generator;

/** Where generated lines go. */
interface LineSink extends AutoCloseable {

    void send(MetricLine line);

    /** Sends whatever is buffered and releases the sink. */
    @Override
    void close();
}
