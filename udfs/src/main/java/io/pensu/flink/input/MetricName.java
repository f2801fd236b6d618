package io.pensu.flink.input;

/**
 * The rules a metric name must follow for carbon to store it and Graphite to query it. Carbon
 * stores {@code a.b.c} as the file {@code a/b/c.wsp}, splits its plaintext lines on any Unicode
 * whitespace, reads {@code ;} as the start of tags, and Graphite reads {@code * ? [ ] { }} in a
 * query as wildcards: a name with any of these would be split, stored elsewhere, or be impossible
 * to ask for by itself.
 */
final class MetricName {

    /** Longest file name on common file systems (ext4, XFS, NTFS), in bytes. */
    static final int MAX_COMPONENT_BYTES = 255;

    /** Whisper stores the last component as a file named {@code <component>.wsp}. */
    static final int MAX_LAST_COMPONENT_BYTES = MAX_COMPONENT_BYTES - ".wsp".length();

    private MetricName() {}

    /** Checks the characters only: they come first so that no other message quotes a bad one. */
    static void checkCharacters(String name) throws Rejection {
        int position = 1;
        for (int i = 0; i < name.length(); position++) {
            int codePoint = name.codePointAt(i);
            String problem = problem(codePoint);
            if (problem != null) {
                throw new Rejection(
                        RejectReason.NAME_WITH_INVALID_CHARACTER,
                        String.format(
                                "metric name has U+%04X (%s) at character %d; Graphite cannot"
                                        + " store or query it",
                                codePoint, problem, position),
                        null);
            }
            i += Character.charCount(codePoint);
        }
    }

    /** Checks the dot-separated components of a name made of valid characters. */
    static void checkComponents(String name) throws Rejection {
        String[] components = name.split("\\.", -1);
        for (int i = 0; i < components.length; i++) {
            String component = components[i];
            if (component.isEmpty()) {
                throw new Rejection(
                        RejectReason.NAME_WITH_EMPTY_COMPONENT,
                        "metric name "
                                + Excerpt.quoted(name)
                                + " has an empty component (a leading, trailing or double dot)",
                        null);
            }
            boolean last = i == components.length - 1;
            int maxBytes = last ? MAX_LAST_COMPONENT_BYTES : MAX_COMPONENT_BYTES;
            int bytes = Utf8.encodedLength(component);
            if (bytes > maxBytes) {
                throw new Rejection(
                        RejectReason.NAME_WITH_OVERSIZED_COMPONENT,
                        "metric name component "
                                + (i + 1)
                                + " is "
                                + bytes
                                + " bytes long, over the "
                                + maxBytes
                                + " that carbon can store as a "
                                + (last ? "file name with its .wsp suffix" : "directory name"),
                        null);
            }
        }
    }

    /** Why carbon or Graphite cannot take the character, or null when they can. */
    private static String problem(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return "a control character";
        }
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return "a space character";
        }
        if (Character.getType(codePoint) == Character.FORMAT) {
            return "an invisible format character";
        }
        return switch (codePoint) {
            case ';' -> "Graphite's tag separator";
            case '*', '?', '[', ']', '{', '}' -> "a Graphite query wildcard";
            case '/' -> "a directory separator in carbon's storage path";
            default -> null;
        };
    }
}
