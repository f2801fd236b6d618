package io.pensu.flink.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The generator's command line. */
record GeneratorOptions(
        String bootstrapServers,
        String topic,
        Set<Source> sources,
        double rate,
        double speedUp,
        Optional<Duration> duration,
        OptionalLong count,
        boolean stdout,
        List<String> files,
        String prefix,
        Optional<String> hostName,
        Optional<String> networkInterface,
        Duration progressEvery) {

    enum Source {
        HOST("host"),
        NAB_AWS("nab-aws");

        final String flag;

        Source(String flag) {
            this.flag = flag;
        }
    }

    static final String USAGE =
            """
            Usage: DataGenerator [options]
            Writes demo metrics as Graphite carbon lines ('name value epochSeconds') to a Kafka topic,
            one record per line, keyed by metric name.

              --bootstrap-servers HOST:PORT  Kafka brokers (default localhost:9092)
              --topic NAME           topic to write to (default metrics)
              --sources LIST         comma list of host, nab-aws (default host,nab-aws)
                                       host:    this host's /proc: <host>.loadavg.15min,
                                                <host>.memory.used_kib,
                                                <host>.network.<interface>.rx_bytes and .tx_bytes
                                       nab-aws: NAB's 17 realAWSCloudwatch series, replayed as
                                                nab.aws.<file name>, e.g. nab.aws.ec2_cpu_utilization_24ae8d
              --rate R               host readings per second (default 1; e.g. 0.2 = every 5 s)
              --speed-up X           replay X times faster than recorded, X >= 1 (default 300:
                                     NAB's 5-minute samples come one per second)
              --files LIST           comma list of NAB files to replay, without .csv (default all)
              --list-files           print the NAB files and exit
              --duration D           stop after D: seconds, or with a unit: 90s, 10m, 2h
              --count N              stop after N lines
              --stdout               print the lines instead of writing them to Kafka
              --prefix P             put every metric name under P, e.g. demo -> demo.nab.aws...
              --host-name NAME       host name in the host metrics (default: this host's short name)
              --interface NAME       network interface (default: the default route's)
              --progress-every S     seconds between progress lines on stderr (default 10)
              --help                 print this and exit

            NAB timestamps: each file starts at the replay's start and keeps its spacing; the replay
            is placed so that its last sample's timestamp is the time it is sent, so no timestamp is
            in the future. A restarted generator first reads the topic's latest nab.aws samples and
            continues after them, so the job never sees a replayed sample as out of order.
            """;

    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]*)([smh]?)");

    /** Options that show information and exit instead of generating. */
    enum Action {
        GENERATE,
        HELP,
        LIST_FILES
    }

    /** The action a command line asks for; --help and --list-files win over everything. */
    static Action action(String[] args) {
        List<String> given = Arrays.asList(args);
        if (given.contains("--help") || given.contains("-h")) {
            return Action.HELP;
        }
        return given.contains("--list-files") ? Action.LIST_FILES : Action.GENERATE;
    }

    static GeneratorOptions parse(String[] args, List<String> availableFiles)
            throws UsageException {
        Map<String, String> values = flagValues(args);
        Set<Source> sources = sources(values.getOrDefault("--sources", "host,nab-aws"));
        double rate = positive("--rate", values.getOrDefault("--rate", "1"));
        double speedUp = number("--speed-up", values.getOrDefault("--speed-up", "300"));
        if (speedUp < 1) {
            throw new UsageException(
                    "--speed-up must be at least 1 (a slower replay would send timestamps from"
                            + " the future), got '"
                            + values.get("--speed-up")
                            + "'");
        }
        if (rate > 1000) {
            throw new UsageException(
                    "--rate must be at most 1000, got '" + values.get("--rate") + "'");
        }
        String prefix = values.getOrDefault("--prefix", "");
        if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new UsageException(
                    "--prefix must be dot-separated letters, digits, '_' or '-', got '"
                            + prefix
                            + "'");
        }
        return new GeneratorOptions(
                nonEmpty(
                        "--bootstrap-servers",
                        values.getOrDefault("--bootstrap-servers", "localhost:9092")),
                nonEmpty("--topic", values.getOrDefault("--topic", "metrics")),
                sources,
                rate,
                speedUp,
                values.containsKey("--duration")
                        ? Optional.of(duration(values.get("--duration")))
                        : Optional.empty(),
                values.containsKey("--count")
                        ? OptionalLong.of(count(values.get("--count")))
                        : OptionalLong.empty(),
                values.containsKey("--stdout"),
                files(values.get("--files"), availableFiles),
                prefix,
                Optional.ofNullable(values.get("--host-name")).map(MetricNames::component),
                Optional.ofNullable(values.get("--interface")),
                Duration.ofMillis(
                        Math.round(
                                1000
                                        * positive(
                                                "--progress-every",
                                                values.getOrDefault("--progress-every", "10")))));
    }

    private static final Set<String> VALUE_FLAGS =
            Set.of(
                    "--bootstrap-servers",
                    "--topic",
                    "--sources",
                    "--rate",
                    "--speed-up",
                    "--duration",
                    "--count",
                    "--files",
                    "--prefix",
                    "--host-name",
                    "--interface",
                    "--progress-every");

    /** Flag to value ("" for --stdout); accepts "--flag value" and "--flag=value". */
    private static Map<String, String> flagValues(String[] args) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (flag.equals("--stdout") && value == null) {
                values.put(flag, "");
                continue;
            }
            if (!VALUE_FLAGS.contains(flag)) {
                throw new UsageException("unknown option '" + arg + "' (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(flag, value) != null) {
                throw new UsageException(flag + " is given twice");
            }
        }
        return values;
    }

    private static Set<Source> sources(String list) throws UsageException {
        Set<Source> sources = EnumSet.noneOf(Source.class);
        for (String name : list.split(",", -1)) {
            Source source =
                    Arrays.stream(Source.values())
                            .filter(s -> s.flag.equals(name.strip()))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new UsageException(
                                                    "--sources: unknown source '"
                                                            + name
                                                            + "'; the sources are host, nab-aws"));
            sources.add(source);
        }
        return sources;
    }

    private static List<String> files(String list, List<String> available) throws UsageException {
        if (list == null) {
            return available;
        }
        List<String> files = new ArrayList<>();
        for (String name : list.split(",", -1)) {
            String file = name.strip().replaceFirst("\\.csv$", "");
            if (!available.contains(file)) {
                throw new UsageException(
                        "--files: no NAB file '"
                                + name
                                + "'; the files are "
                                + String.join(", ", available));
            }
            if (!files.contains(file)) {
                files.add(file);
            }
        }
        return files;
    }

    private static double number(String flag, String text) throws UsageException {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the flag's name
        }
        throw new UsageException(flag + " must be a number, got '" + text + "'");
    }

    private static double positive(String flag, String text) throws UsageException {
        double value = number(flag, text);
        if (value <= 0) {
            throw new UsageException(flag + " must be greater than 0, got '" + text + "'");
        }
        return value;
    }

    private static long count(String text) throws UsageException {
        if (!text.matches("[1-9][0-9]{0,17}")) {
            throw new UsageException("--count must be a whole number >= 1, got '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private static Duration duration(String text) throws UsageException {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches() || text.length() > 12) {
            throw new UsageException(
                    "--duration must be whole seconds >= 1, or a number with s, m or h (90s, 10m, 2h), got '"
                            + text
                            + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static String nonEmpty(String flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag + " must not be empty");
        }
        return value;
    }
}
