package io.pensu.flink.charts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartTest {

    @Test
    void stacksPanelsWithTheGapBetweenThem() {
        SvgChart chart = new SvgChart(100, 20, 0, 10);
        chart.addPanel(50, 0, 1);
        Panel lower = chart.addPanel(30, 0, 1);
        lower.verticalLine(5, "red", 1);

        assertThat(chart.toSvg())
                .startsWith("<svg width=\"100\" height=\"100\"")
                .contains(
                        "<line x1=\"50.0\" x2=\"50.0\" y1=\"70\" y2=\"100\" stroke=\"red\""
                                + " stroke-width=\"1\"/>");
    }

    @Test
    void mapsValuesOntoThePanelWithLargerValuesHigher() {
        SvgChart chart = new SvgChart(100, 0, 0, 10);
        Panel panel = chart.addPanel(50, 10, 20);
        panel.line(new double[] {0, 10}, new double[] {10, 20}, "blue", 1);

        assertThat(chart.toSvg()).contains("points=\"0.0,50.0 100.0,0.0 \"");
    }

    @Test
    void leavesAGapWhereAValueIsMissing() {
        SvgChart chart = new SvgChart(100, 0, 0, 3);
        Panel panel = chart.addPanel(10, 0, 1);
        panel.line(new double[] {0, 1, 2, 3}, new double[] {0, 1, Double.NaN, 1}, "blue", 1);

        assertThat(chart.toSvg().split("<polyline")).hasSize(3);
    }

    @Test
    void shadesBandsOverAllPanelsBehindTheLines() {
        SvgChart chart = new SvgChart(100, 10, 0, 100);
        chart.addPanel(40, 0, 1).line(new double[] {0, 100}, new double[] {0, 1}, "blue", 1);
        chart.addPanel(40, 0, 1);
        chart.band(20, 20, "#fcc");

        String svg = chart.toSvg();
        assertThat(svg)
                .contains("<rect x=\"20.0\" y=\"0\" width=\"1.0\" height=\"90\" fill=\"#fcc\"/>");
        assertThat(svg.indexOf("<rect")).isLessThan(svg.indexOf("<polyline"));
    }

    @Test
    void quotesEveryAttributeSoThatHtmlClosesEachElement() {
        SvgChart chart = new SvgChart(100, 0, 0, 1);
        Panel panel = chart.addPanel(10, 0, 1);
        panel.line(new double[] {0, 1}, new double[] {0, 1}, "blue", 1.5);
        panel.verticalLine(0.5, "red", 1.5);
        panel.horizontalLine(0.5, "grey");
        panel.dot(0.5, 0.5, "red");
        panel.label("text");
        chart.band(0, 1, "#ddd");

        assertThat(chart.toSvg()).doesNotContainPattern("=[^\"]");
    }

    @Test
    void escapesLabels() {
        SvgChart chart = new SvgChart(100, 0, 0, 1);
        chart.addPanel(10, 0, 1).label("a < b & c");

        assertThat(chart.toSvg()).contains(">a &lt; b &amp; c</text>");
    }
}
