package io.pensu.flink.generator;

import io.pensu.flink.generator.GeneratorOptions.Source;

import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;

/**
 * Writes demo metrics to Kafka as Graphite carbon lines: what Pensu's demo generator produced (this
 * host's load, memory and network counters) and a replay of NAB's AWS CloudWatch series. See {@link
 * GeneratorOptions#USAGE}. Exit status 0 when done or stopped (SIGTERM, Ctrl-C), 1 on an error, 2
 * on a bad command line.
 */
public final class DataGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(DataGenerator.class);

    private DataGenerator() {}

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs until done, or until the JVM is asked to stop; returns the exit status. */
    static int run(String[] args) {
        switch (GeneratorOptions.action(args)) {
            case HELP -> {
                System.out.print(GeneratorOptions.USAGE);
                return 0;
            }
            case LIST_FILES -> {
                NabFiles.available().forEach(System.out::println);
                return 0;
            }
            case GENERATE -> {}
        }
        GeneratorOptions options;
        try {
            options = GeneratorOptions.parse(args, NabFiles.available());
        } catch (UsageException e) {
            System.err.println("DataGenerator: " + e.getMessage());
            return 2;
        }
        Thread worker = Thread.currentThread();
        Thread stopper = new Thread(() -> stop(worker), "generator-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return generate(options);
        } catch (RuntimeException | IOException e) {
            LOG.error("the generator failed: {}", e.getMessage(), e);
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is what stopped us
            }
        }
    }

    /** Interrupts the generating thread and waits for it to flush and close the producer. */
    private static void stop(Thread worker) {
        worker.interrupt();
        try {
            worker.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int generate(GeneratorOptions options) throws IOException {
        long start = System.currentTimeMillis();
        List<LineSource> sources = new ArrayList<>();
        if (options.sources().contains(Source.HOST)) {
            sources.add(hostSource(options, start));
        }
        try (LineSink sink =
                options.stdout()
                        ? new StdoutLineSink(System.out)
                        : new KafkaLineSink(options.bootstrapServers(), options.topic())) {
            if (options.sources().contains(Source.NAB_AWS)) {
                sources.add(nabReplay(options));
            }
            LOG.info(
                    "writing to {}",
                    options.stdout()
                            ? "stdout"
                            : "topic " + options.topic() + " at " + options.bootstrapServers());
            GeneratorLoop loop =
                    new GeneratorLoop(
                            sources,
                            sink,
                            GeneratorLoop.Clock.SYSTEM,
                            options.count(),
                            options.duration().stream()
                                    .mapToLong(d -> start + d.toMillis())
                                    .findFirst(),
                            options.progressEvery(),
                            LOG::info);
            try {
                loop.run();
            } catch (InterruptedException | InterruptException e) {
                // The shutdown hook interrupts the loop, in a sleep or in the producer.
                LOG.info("stopping: asked to stop; flushing");
            }
        }
        return 0;
    }

    private static HostSource hostSource(GeneratorOptions options, long start) throws IOException {
        String hostName =
                options.hostName()
                        .orElse(
                                MetricNames.component(
                                        read("/proc/sys/kernel/hostname").strip().split("\\.")[0]));
        String networkInterface =
                options.networkInterface()
                        .or(
                                () -> {
                                    try {
                                        return ProcParsers.mainInterface(
                                                read("/proc/net/route"), read("/proc/net/dev"));
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                })
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "this host has no network interface but the"
                                                        + " loopback; name one with --interface"));
        HostSource host =
                new HostSource(
                        DataGenerator::read,
                        MetricNames.withPrefix(options.prefix(), hostName),
                        networkInterface,
                        start,
                        options.rate());
        LOG.info(
                "host metrics {} times per second: {}",
                options.rate(),
                String.join(", ", host.metricNames()));
        return host;
    }

    /** Starts when its files are loaded (seconds on a busy machine), not to begin with a burst. */
    private static NabReplay nabReplay(GeneratorOptions options) {
        List<NabSeries> series =
                options.files().stream().map(f -> NabFiles.load(f, options.prefix())).toList();
        OptionalLong lastSent = OptionalLong.empty();
        if (!options.stdout()) {
            HashSet<String> names = new HashSet<>();
            series.forEach(s -> names.add(s.metricName()));
            lastSent =
                    LastSentTimestamps.latest(options.bootstrapServers(), options.topic(), names);
        }
        NabReplay replay =
                new NabReplay(series, System.currentTimeMillis(), options.speedUp(), lastSent);
        LOG.info(
                "replaying {} NAB series ({}*) {} times faster: {} samples, timestamps {} to {}{}",
                series.size(),
                MetricNames.withPrefix(options.prefix(), NabFiles.METRIC_PREFIX),
                options.speedUp(),
                replay.toSend(),
                Instant.ofEpochMilli(replay.firstTimestampMillis()),
                Instant.ofEpochMilli(replay.endMillis()),
                replay.skipped() == 0
                        ? ""
                        : "; "
                                + replay.skipped()
                                + " samples skipped: the topic has samples up to "
                                + Instant.ofEpochMilli(lastSent.getAsLong()));
        return replay;
    }

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path));
    }
}
