package io.pensu.flink.input;

/** UTF-8 sizes of strings, computed without encoding them. */
final class Utf8 {

    private Utf8() {}

    static int encodedLength(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += encodedLength(codePoint);
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    /** The longest prefix that fits in {@code maxBytes} bytes, never splitting a character. */
    static String truncate(String text, int maxBytes) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += encodedLength(codePoint);
            if (bytes > maxBytes) {
                return text.substring(0, i);
            }
            i += Character.charCount(codePoint);
        }
        return text;
    }

    private static int encodedLength(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
