package io.pensu.flink.generator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostSourceTest {

    private static final Map<String, String> PROC =
            Map.of(
                    "/proc/loadavg", ProcParsersTest.LOADAVG,
                    "/proc/meminfo", ProcParsersTest.MEMINFO,
                    "/proc/net/dev", ProcParsersTest.NET_DEV);

    private static HostSource source(String networkInterface, long startMillis, double rate) {
        return new HostSource(PROC::get, "demo.vm", networkInterface, startMillis, rate);
    }

    @Test
    void oneReadingIsFourLinesStampedWithItsTime() {
        HostSource host = source("eth0", 1_700_000_000_000L, 1);
        assertThat(host.takeDue(1_700_000_000_000L))
                .containsExactly(
                        new MetricLine("demo.vm.loadavg.15min", 2.20, 1_700_000_000_000L),
                        new MetricLine("demo.vm.memory.used_kib", 1597864, 1_700_000_000_000L),
                        new MetricLine(
                                "demo.vm.network.eth0.rx_bytes", 1155098223L, 1_700_000_000_000L),
                        new MetricLine(
                                "demo.vm.network.eth0.tx_bytes", 98765432L, 1_700_000_000_000L));
    }

    @Test
    void readingsStartAtTheNextWholeSecondAndFollowTheRate() {
        HostSource host = source("eth0", 1_700_000_000_300L, 4);
        assertThat(host.takeDue(1_700_000_000_999L)).isEmpty();
        assertThat(host.nextDueMillis()).isEqualTo(1_700_000_001_000L);
        host.takeDue(1_700_000_001_000L);
        assertThat(host.nextDueMillis()).isEqualTo(1_700_000_001_250L);
        assertThat(host.takeDue(1_700_000_001_250L).get(0).toCarbon())
                .isEqualTo("demo.vm.loadavg.15min 2.2 1700000001.25");
    }

    @Test
    void aLateGeneratorTakesOneReadingAtTheLatestMissedTime() {
        HostSource host = source("eth0", 1_700_000_000_000L, 1);
        List<MetricLine> lines = host.takeDue(1_700_000_005_500L);
        assertThat(lines).hasSize(4).allMatch(l -> l.timestampMillis() == 1_700_000_005_000L);
        assertThat(host.nextDueMillis()).isEqualTo(1_700_000_006_000L);
    }

    @Test
    void namesTheInterfaceInItsMetrics() {
        assertThat(source("ifb0", 0, 1).metricNames())
                .containsExactly(
                        "demo.vm.loadavg.15min",
                        "demo.vm.memory.used_kib",
                        "demo.vm.network.ifb0.rx_bytes",
                        "demo.vm.network.ifb0.tx_bytes");
    }

    @Test
    void anInterfaceThatVanishedIsAnError() {
        HostSource host = source("wlan0", 0, 1);
        assertThatThrownBy(() -> host.takeDue(0)).hasMessageContaining("'wlan0'");
    }

    @Test
    void neverFinishes() {
        assertThat(source("eth0", 0, 1).finished()).isFalse();
    }
}
