package io.pensu.flink.graphite;

import java.nio.file.Path;

/**
 * The chart report's command line.
 *
 * @param from start of the range read, epoch seconds
 * @param until end of the range read, epoch seconds
 * @param latestSeconds when positive, each metric is charted over this many seconds up to its own
 *     newest point within from..until (a replay's points lie days back, a live metric's up to now);
 *     0 charts the whole range
 */
public record ReportOptions(
        Path whisperDir,
        Path out,
        long from,
        long until,
        long latestSeconds,
        String template,
        double likelihoodThreshold,
        double scoreThreshold) {

    static final String USAGE =
            "usage: MetricChartReport --whisper-dir DIR [--out DIR] [--from EPOCH] [--until EPOCH]\n"
                    + "         [--names-template T] [--likelihood-threshold X] [--score-threshold X]\n"
                    + "  --whisper-dir           carbon's LOCAL_DATA_DIR (the .wsp files)\n"
                    + "  --out                   where index.html goes (default graphite-report)\n"
                    + "  --from, --until         epoch seconds (default: each metric's latest 6 hours"
                    + " of data within the last 30 days, and its predictions ahead)\n"
                    + "  --names-template        the job's PENSU_METRIC_NAMES_TEMPLATE\n"
                    + "  --likelihood-threshold  PENSU_ANOMALY_LIKELIHOOD_THRESHOLD (default 0.99999)\n"
                    + "  --score-threshold       PENSU_ANOMALY_SCORE_THRESHOLD (default 0.99)";

    private static final long LATEST_SECONDS = 6 * 3600;
    // The longest retention of the demo's storage schema (scripts/graphite.sh).
    private static final long SEARCH_SECONDS = 30 * 24 * 3600;
    // Carbon holds predictions for the next sample ahead of it.
    private static final long AHEAD_SECONDS = 3600;

    /**
     * @param now epoch seconds, for the default time range
     * @throws IllegalArgumentException on an unknown flag, a missing value or a bad number
     */
    public static ReportOptions parse(long now, String... args) {
        Path whisperDir = null;
        Path out = Path.of("graphite-report");
        long from = now - SEARCH_SECONDS;
        long until = now + AHEAD_SECONDS;
        long latest = LATEST_SECONDS;
        String template = SeriesKind.DEFAULT_TEMPLATE;
        double likelihood = 0.99999;
        double score = 0.99;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--whisper-dir" -> whisperDir = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--from" -> {
                    from = Long.parseLong(value);
                    latest = 0;
                }
                case "--until" -> {
                    until = Long.parseLong(value);
                    latest = 0;
                }
                case "--names-template" -> template = value;
                case "--likelihood-threshold" -> likelihood = Double.parseDouble(value);
                case "--score-threshold" -> score = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        if (whisperDir == null) {
            throw new IllegalArgumentException("--whisper-dir is required");
        }
        if (from > until) {
            throw new IllegalArgumentException("--from " + from + " is after --until " + until);
        }
        if (!template.contains(SeriesKind.PLACEHOLDER)) {
            throw new IllegalArgumentException(
                    "--names-template must contain " + SeriesKind.PLACEHOLDER);
        }
        return new ReportOptions(whisperDir, out, from, until, latest, template, likelihood, score);
    }

    /** As of a later time: the default range moves along with it, a range given stays. */
    public ReportOptions movedTo(long now) {
        if (latestSeconds == 0) {
            return this;
        }
        return new ReportOptions(
                whisperDir,
                out,
                now - SEARCH_SECONDS,
                now + AHEAD_SECONDS,
                latestSeconds,
                template,
                likelihoodThreshold,
                scoreThreshold);
    }
}
