package io.pensu.flink.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SVG chart of panels stacked top to bottom over one shared x axis, written as plain markup so
 * that an HTML page holding it needs no script and no network.
 *
 * <p>The namespace makes the markup a standalone SVG document as well, served or saved as a file.
 *
 * <p>Every attribute value is quoted: in an HTML page an unquoted value takes the {@code /} of
 * {@code />} as its own, so the element stays open and hides everything drawn after it.
 *
 * <p>Build it by adding panels ({@link #addPanel}) and drawing into them; bands ({@link #band})
 * shade an x range across all panels, behind everything else.
 */
public final class SvgChart {

    private final int width;
    private final int gap;
    private final double xMin;
    private final double xSpan;
    private final List<Panel> panels = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private int height;

    /**
     * @param width in pixels
     * @param gap pixels between two panels
     * @param xMin the x value drawn at the left edge
     * @param xMax the x value drawn at the right edge; equal to xMin draws everything at the left
     */
    public SvgChart(int width, int gap, double xMin, double xMax) {
        this.width = width;
        this.gap = gap;
        this.xMin = xMin;
        this.xSpan = xMax > xMin ? xMax - xMin : 1;
    }

    /** A panel below the ones added before, showing y values from yMin (bottom) to yMax (top). */
    public Panel addPanel(int panelHeight, double yMin, double yMax) {
        int top = panels.isEmpty() ? 0 : height + gap;
        Panel panel = new Panel(this, top, panelHeight, yMin, yMax);
        panels.add(panel);
        height = top + panelHeight;
        return panel;
    }

    /** Shades x values from..to over the whole height, at least one pixel wide. */
    public void band(double from, double to, String fill) {
        bands.add(new Band(from, to, fill));
    }

    /** The horizontal pixel of an x value. */
    double x(double value) {
        return (value - xMin) / xSpan * width;
    }

    int width() {
        return width;
    }

    public String toSvg() {
        StringBuilder svg =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "<svg width=\"%d\" height=\"%d\" style=\"border:1px solid #ccc\""
                                        + " xmlns=\"http://www.w3.org/2000/svg\">",
                                width,
                                height));
        for (Band band : bands) {
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                            x(band.from()),
                            Math.max(1.0, x(band.to()) - x(band.from())),
                            height,
                            band.fill()));
        }
        for (Panel panel : panels) {
            svg.append(panel.markup());
        }
        return svg.append("</svg>").toString();
    }

    private record Band(double from, double to, String fill) {}
}
