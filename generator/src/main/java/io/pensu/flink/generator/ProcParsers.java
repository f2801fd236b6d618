package io.pensu.flink.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the numbers the host source reports out of the text of Linux /proc files. */
final class ProcParsers {

    /** Receive and transmit byte counters of one network interface, since boot. */
    record InterfaceCounters(long rxBytes, long txBytes) {}

    private static final String LOOPBACK = "lo";
    private static final String DEFAULT_DESTINATION = "00000000";

    private ProcParsers() {}

    /** The 15-minute load average: the third field of /proc/loadavg. */
    static double loadAverage15(String procLoadavg) {
        String[] fields = procLoadavg.trim().split("\\s+");
        if (fields.length < 3) {
            throw new IllegalArgumentException("/proc/loadavg has no third field: " + procLoadavg);
        }
        return Double.parseDouble(fields[2]);
    }

    /** Memory in use, KiB: MemTotal - MemAvailable of /proc/meminfo. */
    static long memoryUsedKib(String procMeminfo) {
        return meminfoKib(procMeminfo, "MemTotal") - meminfoKib(procMeminfo, "MemAvailable");
    }

    private static long meminfoKib(String procMeminfo, String key) {
        for (String line : procMeminfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equals(key)) {
                return Long.parseLong(line.substring(colon + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalArgumentException("/proc/meminfo has no " + key);
    }

    /** The counters of one interface in /proc/net/dev, empty when the interface is not there. */
    static Optional<InterfaceCounters> interfaceCounters(String procNetDev, String name) {
        for (String[] row : interfaceRows(procNetDev)) {
            if (row[0].equals(name)) {
                String[] fields = row[1].trim().split("\\s+");
                // Receive: bytes packets errs drop fifo frame compressed multicast; then transmit.
                return Optional.of(
                        new InterfaceCounters(
                                Long.parseLong(fields[0]), Long.parseLong(fields[8])));
            }
        }
        return Optional.empty();
    }

    /**
     * The interface traffic most likely goes through: the default route's (/proc/net/route), else
     * the first one of /proc/net/dev that is not the loopback.
     */
    static Optional<String> mainInterface(String procNetRoute, String procNetDev) {
        for (String line : procNetRoute.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 1 && fields[1].equals(DEFAULT_DESTINATION)) {
                return Optional.of(fields[0]);
            }
        }
        return interfaceRows(procNetDev).stream()
                .map(row -> row[0])
                .filter(name -> !name.equals(LOOPBACK))
                .findFirst();
    }

    /** Name and counters text of each interface line (after the two header lines). */
    private static List<String[]> interfaceRows(String procNetDev) {
        List<String[]> rows = new ArrayList<>();
        for (String line : procNetDev.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.contains("|")) {
                rows.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1)});
            }
        }
        return rows;
    }
}
