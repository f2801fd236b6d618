package io.pensu.flink.generator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcParsersTest {

    static final String LOADAVG = "4.48 2.23 2.20 3/365 16053\n";
    static final String MEMINFO =
            """
            MemTotal:       24684084 kB
            MemFree:        22381228 kB
            MemAvailable:   23086220 kB
            Buffers:          107936 kB
            """;
    static final String NET_DEV =
            """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 5302820023 4949135    0    0    0     0          0         0 5302820023 4949135    0    0    0     0       0          0
              ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
              eth0:1155098223 812345    0    0    0     0          0         0 98765432   54321    0    0    0     0       0          0
            """;
    static final String ROUTE =
            """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
            """;

    @Test
    void readsTheFifteenMinuteLoadAverage() {
        assertThat(ProcParsers.loadAverage15(LOADAVG)).isEqualTo(2.20);
    }

    @Test
    void memoryUsedIsTotalMinusAvailable() {
        assertThat(ProcParsers.memoryUsedKib(MEMINFO)).isEqualTo(24684084L - 23086220L);
    }

    @Test
    void rejectsMeminfoWithoutMemAvailable() {
        assertThatThrownBy(() -> ProcParsers.memoryUsedKib("MemTotal: 1 kB\n"))
                .hasMessageContaining("MemAvailable");
    }

    @Test
    void readsReceiveAndTransmitBytesEvenWhenTheCounterTouchesTheColon() {
        assertThat(ProcParsers.interfaceCounters(NET_DEV, "eth0"))
                .contains(new ProcParsers.InterfaceCounters(1155098223L, 98765432L));
    }

    @Test
    void anUnknownInterfaceHasNoCounters() {
        assertThat(ProcParsers.interfaceCounters(NET_DEV, "wlan0")).isEmpty();
    }

    @Test
    void theMainInterfaceIsTheDefaultRoutes() {
        assertThat(ProcParsers.mainInterface(ROUTE, NET_DEV)).contains("eth0");
    }

    @Test
    void withoutADefaultRouteTheMainInterfaceIsTheFirstThatIsNotLoopback() {
        String noDefault =
                ROUTE.lines()
                        .filter(line -> !line.contains("010200C0"))
                        .reduce("", (a, b) -> a + b + "\n");
        assertThat(ProcParsers.mainInterface(noDefault, NET_DEV)).contains("ifb0");
    }

    @Test
    void aHostWithOnlyTheLoopbackHasNoMainInterface() {
        String onlyLoopback = NET_DEV.lines().limit(3).reduce("", (a, b) -> a + b + "\n");
        assertThat(ProcParsers.mainInterface("", onlyLoopback)).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisHostsProc() throws Exception {
        String netDev = Files.readString(Path.of("/proc/net/dev"));
        String route = Files.readString(Path.of("/proc/net/route"));
        assertThat(ProcParsers.loadAverage15(Files.readString(Path.of("/proc/loadavg"))))
                .isGreaterThanOrEqualTo(0);
        assertThat(ProcParsers.memoryUsedKib(Files.readString(Path.of("/proc/meminfo"))))
                .isPositive();
        assertThat(ProcParsers.interfaceCounters(netDev, "lo")).isPresent();
        ProcParsers.mainInterface(route, netDev)
                .ifPresent(
                        name ->
                                assertThat(ProcParsers.interfaceCounters(netDev, name))
                                        .isPresent());
    }
}
