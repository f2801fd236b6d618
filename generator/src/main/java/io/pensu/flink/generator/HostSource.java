package io.pensu.flink.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The metrics Pensu's demo generator produced, read from this host's /proc: the 15-minute load
 * average, memory in use and the byte counters of one network interface. Readings are taken {@code
 * rate} times per second at whole multiples of the period from the first whole second after the
 * start, each stamped with its scheduled time, so timestamps are exact and strictly increasing.
 */
final class HostSource implements LineSource {

    /** The text of a /proc file, e.g. "/proc/loadavg". */
    @FunctionalInterface
    interface ProcReader {
        String read(String path) throws IOException;
    }

    private final ProcReader proc;
    private final String interfaceName;
    private final String loadName;
    private final String memoryName;
    private final String rxName;
    private final String txName;
    private final long firstMillis;
    private final double readingsPerSecond;
    private long readingsTaken;

    HostSource(
            ProcReader proc,
            String namePrefix,
            String interfaceName,
            long startMillis,
            double readingsPerSecond) {
        this.proc = proc;
        this.interfaceName = interfaceName;
        String network = namePrefix + ".network." + MetricNames.component(interfaceName);
        this.loadName = namePrefix + ".loadavg.15min";
        this.memoryName = namePrefix + ".memory.used_kib";
        this.rxName = network + ".rx_bytes";
        this.txName = network + ".tx_bytes";
        this.firstMillis = Math.floorDiv(startMillis + 999, 1000) * 1000;
        this.readingsPerSecond = readingsPerSecond;
    }

    /** The metric names, in the order of each reading's lines. */
    List<String> metricNames() {
        return List.of(loadName, memoryName, rxName, txName);
    }

    @Override
    public long nextDueMillis() {
        return firstMillis + Math.round(readingsTaken * 1000 / readingsPerSecond);
    }

    /**
     * One reading, stamped with the latest scheduled time not after now: a generator that fell
     * behind does not make up for missed readings with a burst of identical ones.
     */
    @Override
    public List<MetricLine> takeDue(long nowMillis) {
        if (nextDueMillis() > nowMillis) {
            return List.of();
        }
        long slot;
        do {
            slot = nextDueMillis();
            readingsTaken++;
        } while (nextDueMillis() <= nowMillis);
        return read(slot);
    }

    private List<MetricLine> read(long timestampMillis) {
        try {
            ProcParsers.InterfaceCounters network =
                    ProcParsers.interfaceCounters(proc.read("/proc/net/dev"), interfaceName)
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "network interface '"
                                                            + interfaceName
                                                            + "' is not in /proc/net/dev"));
            return List.of(
                    new MetricLine(
                            loadName,
                            ProcParsers.loadAverage15(proc.read("/proc/loadavg")),
                            timestampMillis),
                    new MetricLine(
                            memoryName,
                            ProcParsers.memoryUsedKib(proc.read("/proc/meminfo")),
                            timestampMillis),
                    new MetricLine(rxName, network.rxBytes(), timestampMillis),
                    new MetricLine(txName, network.txBytes(), timestampMillis));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this host's /proc", e);
        }
    }
}
