package io.pensu.flink.e2e;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

    static WebUiPage render(String url, Path dir) throws Exception {
        Path png = dir.resolve("page.png");
        Path html = dir.resolve("page.html");
        chromium(dir, dir.resolve("screenshot.out"), "--screenshot=" + png, url);
        chromium(dir, html, "--dump-dom", url);
        return new WebUiPage(ImageIO.read(png.toFile()), Files.readString(html));
    }

    /**
     * One Chromium run with a fresh profile, its standard output into {@code output}; up to three
     * tries, as a run on the web UI with a virtual time budget now and then hangs for good (a
     * finished one takes about 10 s).
     */
    private static void chromium(Path dir, Path output, String... args) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Path profile = Files.createTempDirectory(dir, "chromium");
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    "chromium",
                                    "--headless",
                                    "--no-sandbox",
                                    "--no-zygote",
                                    "--disable-gpu",
                                    "--disable-quic",
                                    "--no-first-run",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync",
                                    "--user-data-dir=" + profile,
                                    "--window-size=1400,900",
                                    "--virtual-time-budget=8000"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.redirectError(profile.resolveSibling(profile.getFileName() + ".log").toFile());
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            // A generous bound: on a busy machine the web UI's scripts take long to run.
            if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return;
            }
            process.destroyForcibly().waitFor();
            if (attempt == 3) {
                throw new IOException("chromium " + String.join(" ", args) + " failed 3 times");
            }
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
