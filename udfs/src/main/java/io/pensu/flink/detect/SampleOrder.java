package io.pensu.flink.detect;

/** In which order a metric's samples reach its model. */
public enum SampleOrder {
    /**
     * As they arrive, with no delay: right for producers that key records by metric, which keeps
     * each metric's samples in order on one partition.
     */
    ARRIVAL,
    /**
     * By timestamp: a sample waits in keyed state until the watermark passes it, so that samples of
     * one metric spread over partitions (unkeyed or batched records) are put back in order.
     */
    EVENT_TIME
}
