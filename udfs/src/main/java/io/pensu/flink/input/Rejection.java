package io.pensu.flink.input;

/**
 * Thrown by the parsing rules when a line breaks one of them; becomes a {@link DeadLetter}. Carries
 * no stack trace: it is an expected outcome, not a failure.
 */
final class Rejection extends Exception {

    private final RejectReason reason;
    private final String metric;

    Rejection(RejectReason reason, String message, String metric) {
        super(message, null, false, false);
        this.reason = reason;
        this.metric = metric;
    }

    RejectReason reason() {
        return reason;
    }

    /** The metric name when the line got that far, else null. */
    String metric() {
        return metric;
    }
}
