package io.pensu.flink.input;

/**
 * A token quoted in a rejection message, cut to a bounded length: the whole line is in the dead
 * letter's raw text already, and a message that repeated it could make the dead letter too large
 * for Kafka.
 */
final class Excerpt {

    static final int MAX_CHARS = 64;

    private Excerpt() {}

    /** The token in single quotes, its end replaced by an ellipsis when it is too long. */
    static String quoted(String token) {
        if (token.length() <= MAX_CHARS) {
            return "'" + token + "'";
        }
        int end =
                Character.isHighSurrogate(token.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return "'" + token.substring(0, end) + "…' (" + token.length() + " characters)";
    }
}
