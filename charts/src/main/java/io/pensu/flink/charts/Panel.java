package io.pensu.flink.charts;

import java.util.Locale;

/** One horizontal strip of an {@link SvgChart} with its own y scale. */
public final class Panel {

    private final SvgChart chart;
    private final int top;
    private final int height;
    private final double yMin;
    private final double ySpan;
    private final StringBuilder markup = new StringBuilder();

    Panel(SvgChart chart, int top, int height, double yMin, double yMax) {
        this.chart = chart;
        this.top = top;
        this.height = height;
        this.yMin = yMin;
        this.ySpan = yMax > yMin ? yMax - yMin : 1;
    }

    /**
     * Connects the points (xs[i], ys[i]) in order; a NaN y leaves a gap, since a missing point is
     * not zero.
     */
    public void line(double[] xs, double[] ys, String colour, double strokeWidth) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (Double.isNaN(ys[i])) {
                polyline(points, colour, strokeWidth);
                points.setLength(0);
            } else {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", chart.x(xs[i]), y(ys[i])));
            }
        }
        polyline(points, colour, strokeWidth);
    }

    private void polyline(CharSequence points, String colour, double strokeWidth) {
        if (points.length() > 0) {
            markup.append(
                            String.format(
                                    Locale.ROOT,
                                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"",
                                    colour,
                                    number(strokeWidth)))
                    .append(points)
                    .append("\"/>");
        }
    }

    /** A vertical line at x over the panel's height. */
    public void verticalLine(double x, String colour, double strokeWidth) {
        markup.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\""
                                + " stroke-width=\"%s\"/>",
                        chart.x(x),
                        chart.x(x),
                        top,
                        top + height,
                        colour,
                        number(strokeWidth)));
    }

    /** A dashed horizontal line at y across the panel, e.g. a threshold. */
    public void horizontalLine(double y, String colour) {
        markup.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"0\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\""
                                + " stroke-dasharray=\"6 4\"/>",
                        chart.width(),
                        y(y),
                        y(y),
                        colour));
    }

    /** A filled circle at (x, y). */
    public void dot(double x, double y, String colour) {
        markup.append(
                String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
                        chart.x(x),
                        y(y),
                        colour));
    }

    /** Text at the panel's top left corner. */
    public void label(String text) {
        markup.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"4\" y=\"%d\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#333\">%s</text>",
                        top + 14,
                        Html.escape(text)));
    }

    private double y(double value) {
        return top + height - (value - yMin) / ySpan * height;
    }

    String markup() {
        return markup.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value)
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
