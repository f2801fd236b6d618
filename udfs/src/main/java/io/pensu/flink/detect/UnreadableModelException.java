package io.pensu.flink.detect;

/** A metric's model could not be rebuilt from its snapshot and journal in keyed state. */
final class UnreadableModelException extends Exception {

    private final String metric;

    UnreadableModelException(String metric, Exception cause) {
        super("the stored model of metric '" + metric + "' cannot be read: " + cause, cause);
        this.metric = metric;
    }

    String metric() {
        return metric;
    }
}
