package io.pensu.flink.graphite;

import java.nio.file.Path;

/** The chart report's command line. */
public record ReportOptions(
        Path whisperDir,
        Path out,
        long from,
        long until,
        String template,
        double likelihoodThreshold,
        double scoreThreshold) {

    static final String USAGE =
            "usage: MetricChartReport --whisper-dir DIR [--out DIR] [--from EPOCH] [--until EPOCH]\n"
                    + "         [--names-template T] [--likelihood-threshold X] [--score-threshold X]\n"
                    + "  --whisper-dir           carbon's LOCAL_DATA_DIR (the .wsp files)\n"
                    + "  --out                   where index.html goes (default graphite-report)\n"
                    + "  --from, --until         epoch seconds (default: the last 6 hours, and the hour"
                    + " ahead for predictions)\n"
                    + "  --names-template        the job's PENSU_METRIC_NAMES_TEMPLATE\n"
                    + "  --likelihood-threshold  PENSU_ANOMALY_LIKELIHOOD_THRESHOLD (default 0.99999)\n"
                    + "  --score-threshold       PENSU_ANOMALY_SCORE_THRESHOLD (default 0.99)";

    private static final long DEFAULT_HOURS_BACK = 6;

    /**
     * @param now epoch seconds, for the default time range
     * @throws IllegalArgumentException on an unknown flag, a missing value or a bad number
     */
    public static ReportOptions parse(long now, String... args) {
        Path whisperDir = null;
        Path out = Path.of("graphite-report");
        long from = now - DEFAULT_HOURS_BACK * 3600;
        long until = now + 3600;
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
                case "--from" -> from = Long.parseLong(value);
                case "--until" -> until = Long.parseLong(value);
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
        return new ReportOptions(whisperDir, out, from, until, template, likelihood, score);
    }
}
