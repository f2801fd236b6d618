package io.pensu.flink.graphite;

import java.util.ArrayList;
import java.util.List;

/**
 * The live chart server's command line: its own flags, and the chart report's for what is charted.
 *
 * @param charts what each chart shows, as in the report ({@code --out} aside)
 * @param port on 127.0.0.1; 0 takes a free one
 * @param points each chart shows at most the metric's latest this many values
 * @param refreshSeconds how often the page reads the charts again
 */
public record LiveChartOptions(ReportOptions charts, int port, int points, int refreshSeconds) {

    static final String USAGE =
            "usage: LiveChartServer --whisper-dir DIR [--port N] [--points N] [--refresh-seconds N]\n"
                    + "         [--names-template T] [--likelihood-threshold X] [--score-threshold X]\n"
                    + "         [--from EPOCH] [--until EPOCH]\n"
                    + "  --port             on 127.0.0.1 (default 8088; 0: any free port)\n"
                    + "  --points           the latest values charted per metric (default 600)\n"
                    + "  --refresh-seconds  how often the page updates (default 5)\n"
                    + "  the others as for MetricChartReport: each metric's latest 6 hours by"
                    + " default";

    private static final int DEFAULT_PORT = 8088;
    private static final int DEFAULT_POINTS = 600;
    private static final int DEFAULT_REFRESH_SECONDS = 5;

    /**
     * @param now epoch seconds, for the report's default range
     * @throws IllegalArgumentException on an unknown flag, a missing value or a bad number
     */
    public static LiveChartOptions parse(long now, String... args) {
        int port = DEFAULT_PORT;
        int points = DEFAULT_POINTS;
        int refreshSeconds = DEFAULT_REFRESH_SECONDS;
        List<String> reportArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = atLeast(0, args[i], value);
                case "--points" -> points = atLeast(2, args[i], value);
                case "--refresh-seconds" -> refreshSeconds = atLeast(1, args[i], value);
                case "--out" ->
                        throw new IllegalArgumentException(
                                "--out is for MetricChartReport: the live charts write no files");
                default -> reportArgs.addAll(List.of(args[i], value));
            }
        }
        if (port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is not a port (0..65535)");
        }
        return new LiveChartOptions(
                ReportOptions.parse(now, reportArgs.toArray(String[]::new)),
                port,
                points,
                refreshSeconds);
    }

    private static int atLeast(int least, String flag, String value) {
        int number = Integer.parseInt(value);
        if (number < least) {
            throw new IllegalArgumentException(flag + " " + value + " is below " + least);
        }
        return number;
    }
}
