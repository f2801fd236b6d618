package io.pensu.flink.e2e;

import io.pensu.flink.graphite.HeadlessChromium;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A page as headless Chromium renders it: a screenshot and the DOM after its scripts ran. */
final class WebUiPage {

    /** The text of a node of the job graph in Flink 2.2's web UI (it cuts long ones). */
    private static final Pattern GRAPH_NODE =
            Pattern.compile("class=\"detail description[^\"]*\">([^<]*)");

    private final BufferedImage screenshot;
    private final String dom;

    private WebUiPage(BufferedImage screenshot, String dom) {
        this.screenshot = screenshot;
        this.dom = dom;
    }

    /** On a busy machine the web UI's scripts take long to run. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /**
     * The page once the JavaScript expression {@code ready} is true in it, as a person would see
     * it: read through DevTools from a Chromium that keeps the page open, rather than from a
     * one-shot run with a virtual time budget, which now and then hangs for good.
     */
    static WebUiPage render(String url, Path dir, String ready) throws Exception {
        try (HeadlessChromium page = HeadlessChromium.open(URI.create(url), dir)) {
            page.awaitTrue(
                    ready, READY_TIMEOUT, url + " not ready in " + READY_TIMEOUT + ": " + ready);
            String dom = page.evaluate("document.documentElement.outerHTML").asText();
            byte[] png = page.screenshot("html");
            Files.write(dir.resolve("page.png"), png);
            Files.writeString(dir.resolve("page.html"), dom);
            return new WebUiPage(ImageIO.read(new ByteArrayInputStream(png)), dom);
        }
    }

    /** A blank page has one or two colours, a rendered one hundreds. */
    int distinctColours() {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < screenshot.getHeight(); y++) {
            for (int x = 0; x < screenshot.getWidth(); x++) {
                colours.add(screenshot.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** How often {@code pattern} occurs in the rendered DOM. */
    long count(Pattern pattern) {
        return pattern.matcher(dom).results().count();
    }

    List<String> graphNodeLabels() {
        List<String> labels = new ArrayList<>();
        Matcher m = GRAPH_NODE.matcher(dom);
        while (m.find()) {
            labels.add(m.group(1).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&"));
        }
        return labels;
    }
}
