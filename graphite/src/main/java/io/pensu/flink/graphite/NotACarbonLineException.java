package io.pensu.flink.graphite;

/** A line carbon could not store; the message says why. */
public final class NotACarbonLineException extends Exception {

    public NotACarbonLineException(String reason) {
        super(reason);
    }
}
