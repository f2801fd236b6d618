package io.pensu.flink.detect;

/** What the detector does with a sample whose timestamp is not after its metric's last one. */
public enum OutOfOrderPolicy {
    /** Send it to the dead-letter topic; the model never sees time go backwards (default). */
    REJECT,
    /** Feed it to the model in arrival order, as Pensu did. */
    PROCESS
}
