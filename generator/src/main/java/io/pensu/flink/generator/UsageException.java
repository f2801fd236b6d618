package io.pensu.flink.generator;

/** A command line the generator cannot run with; the message says what is wrong. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
