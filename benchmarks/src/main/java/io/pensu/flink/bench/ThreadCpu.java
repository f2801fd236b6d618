package io.pensu.flink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a process's CPU goes, by thread: samples the user + system time of every thread of a Linux
 * process ({@code /proc/<pid>/task/<tid>/stat}) until it is stopped (SIGTERM or the process
 * ending), then prints, per group of threads (the JVM's collector, compiler and VM threads,
 * RocksDB's background threads, Kafka's producer threads, Flink's, each task's), the CPU each group
 * used in that time per unit of work.
 *
 * <p>{@code ThreadCpu <pid> <clock ticks per second> <units> <unit name>}, e.g. {@code ThreadCpu
 * 1234 100 350000 "live sample"}. It depends on the JDK alone, so that {@code java ThreadCpu.java}
 * runs it from its source. A thread's CPU counts from the first sample (or its start, for a thread
 * born after it) to its last sample: a thread that ends between two samples loses at most one
 * interval's CPU, which the report shows against the process's own total.
 */
public final class ThreadCpu {

    private static final long INTERVAL_MILLIS = 500;

    /** Thread names (Linux keeps the first 15 characters) of one group, in the order tried. */
    private static final List<Map.Entry<Pattern, String>> GROUPS =
            List.of(
                    group("GC Thread#.*", "G1 collection workers (pauses)"),
                    group("G1 Conc#.*|G1 Main Marker", "G1 concurrent marking"),
                    group("G1 Refine#.*", "G1 refinement"),
                    group("G1 Service|G1 Young RemSet.*", "G1 service"),
                    group("VM Thread", "VM thread (safepoints)"),
                    group("C2 CompilerThre.*", "JIT: C2"),
                    group("C1 CompilerThre.*", "JIT: C1"),
                    group("rocksdb:.*", "RocksDB background (flush, compaction)"),
                    group("kafka-producer-.*", "Kafka producer network threads"),
                    group(
                            "Kafka Fetcher.*|kafka-coordinat.*|Source Data Fet.*",
                            "Kafka source fetchers"),
                    group("Flink Netty.*", "Flink netty"),
                    group("flink-metrics.*|Flink-MetricReg.*", "Flink metrics"),
                    group(
                            ".*[Cc]heckpoint.*|AsyncOperations.*|asyncSnapshot.*",
                            "checkpoint threads"),
                    group("HTM anomaly det.*", "task: detector (HTM anomaly detection)"),
                    group("Source: .*", "task: source and parsing"));

    private ThreadCpu() {}

    private static Map.Entry<Pattern, String> group(String names, String label) {
        return Map.entry(Pattern.compile(names), label);
    }

    /** A thread's name and its CPU so far, in clock ticks. */
    record Ticks(String name, long ticks) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println(
                    "usage: ThreadCpu <pid> <clock ticks per second> <units> <unit name>");
            System.exit(2);
        }
        Path tasks = Path.of("/proc", args[0], "task");
        long hz = Long.parseLong(args[1]);
        long units = Long.parseLong(args[2]);
        String unit = args[3];
        long processTicksBefore = processTicks(args[0]);
        Map<String, Ticks> first = sample(tasks);
        Map<String, Ticks> last = new HashMap<>(first);
        CountDownLatch done = new CountDownLatch(1);
        Thread sampler =
                new Thread(
                        () -> {
                            while (done.getCount() > 0 && Files.isDirectory(tasks)) {
                                Map<String, Ticks> now = sample(tasks);
                                synchronized (last) {
                                    last.putAll(now);
                                }
                                try {
                                    Thread.sleep(INTERVAL_MILLIS);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                            done.countDown();
                        });
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    done.countDown();
                                    synchronized (last) {
                                        last.putAll(sample(tasks));
                                        print(
                                                first,
                                                last,
                                                processTicksBefore,
                                                args[0],
                                                hz,
                                                units,
                                                unit);
                                    }
                                }));
        sampler.start();
        done.await();
    }

    private static long processTicks(String pid) {
        try {
            String[] fields = afterName(Files.readString(Path.of("/proc", pid, "stat")));
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields of a stat line after the name, which may itself hold spaces and parentheses. */
    private static String[] afterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    static Map<String, Ticks> sample(Path tasks) {
        Map<String, Ticks> threads = new HashMap<>();
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = afterName(stat);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    threads.put(
                            task.getFileName().toString(),
                            new Ticks(
                                    name, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                } catch (NoSuchFileException ended) {
                    // the thread ended since the listing: its last sample stands
                }
            }
        } catch (NoSuchFileException ended) {
            // the process ended: its threads' last samples stand
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return threads;
    }

    static String groupOf(String name) {
        for (Map.Entry<Pattern, String> group : GROUPS) {
            if (group.getKey().matcher(name).matches()) {
                return group.getValue();
            }
        }
        // Pools number their threads: one line per pool, not per thread.
        return name.replaceAll("[-#_ ]?[0-9]+$", "");
    }

    /**
     * The clock ticks each group of threads used between two samples, and its number of threads: a
     * thread first seen in the later sample counts from its start.
     */
    static Map<String, long[]> groups(Map<String, Ticks> first, Map<String, Ticks> last) {
        Map<String, long[]> groups = new TreeMap<>();
        for (Map.Entry<String, Ticks> thread : last.entrySet()) {
            Ticks before = first.get(thread.getKey());
            long[] sums =
                    groups.computeIfAbsent(groupOf(thread.getValue().name()), g -> new long[2]);
            sums[0] += thread.getValue().ticks() - (before == null ? 0 : before.ticks());
            sums[1]++;
        }
        return groups;
    }

    private static void print(
            Map<String, Ticks> first,
            Map<String, Ticks> last,
            long processTicksBefore,
            String pid,
            long hz,
            long units,
            String unit) {
        Map<String, long[]> groups = groups(first, last);
        long total = groups.values().stream().mapToLong(sums -> sums[0]).sum();
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(groups.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        System.out.printf("| thread group | threads | CPU | per %s | share |%n", unit);
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, long[]> row : rows) {
            long ticks = row.getValue()[0];
            if (ticks == 0) {
                continue;
            }
            System.out.printf(
                    "| %s | %d | %.1f s | %.0f µs | %.1f %% |%n",
                    row.getKey(),
                    row.getValue()[1],
                    ticks / (double) hz,
                    ticks * 1e6 / hz / units,
                    100.0 * ticks / total);
        }
        System.out.printf(
                "| all threads | %d | %.1f s | %.0f µs | |%n",
                last.size(), total / (double) hz, total * 1e6 / hz / units);
        long processTicksAfter = processTicks(pid);
        if (processTicksBefore >= 0 && processTicksAfter >= 0) {
            System.out.printf(
                    "| the process (threads that ended included) | | %.1f s | %.0f µs | |%n",
                    (processTicksAfter - processTicksBefore) / (double) hz,
                    (processTicksAfter - processTicksBefore) * 1e6 / hz / units);
        }
        System.out.flush();
    }
}
