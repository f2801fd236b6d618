package io.pensu.flink.charts;

/** Escaping for text placed in HTML or SVG markup. */
public final class Html {

    private Html() {}

    public static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
