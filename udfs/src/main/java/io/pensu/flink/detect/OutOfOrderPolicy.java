package io.pensu.flink.detect;

/**
 * What the detector does with a sample whose timestamp is not after the last one of its metric.
 * Such a sample breaks the metric's interval (and so the prediction timestamps) and feeds the
 * temporal memory a sequence that never happened.
 */
public enum OutOfOrderPolicy {
    /** Send it to the dead-letter topic, as HTM Engine did; the model never sees it. */
    REJECT,
    /** Feed it to the model like any other sample, as Pensu did. */
    PROCESS
}
