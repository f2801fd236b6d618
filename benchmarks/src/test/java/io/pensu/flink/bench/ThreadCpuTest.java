package io.pensu.flink.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ThreadCpuTest {

    private static final Path OWN_THREADS = Path.of("/proc/self/task");

    @Test
    void putsAThreadsCpuInTheGroupOfItsName() throws Exception {
        assumeTrue(Files.isDirectory(OWN_THREADS), "Linux's /proc");
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch sampled = new CountDownLatch(1);
        Map<String, ThreadCpu.Ticks> before = ThreadCpu.sample(OWN_THREADS);
        // The JVM gives a Java thread's name to its kernel thread (the first 15 characters).
        Thread producer =
                new Thread(
                        () -> {
                            spinForHalfASecondOfCpu();
                            spun.countDown();
                            awaitUninterruptibly(sampled);
                        },
                        "kafka-producer-network-thread | pensu-1");
        producer.start();
        spun.await();
        Map<String, ThreadCpu.Ticks> after = ThreadCpu.sample(OWN_THREADS);
        sampled.countDown();
        producer.join();

        long[] producers = ThreadCpu.groups(before, after).get("Kafka producer network threads");

        assertThat(producers[1]).isEqualTo(1);
        assertThat(producers[0]).isPositive();
    }

    @Test
    void groupsNumberedThreadsOfAPoolAsOne() {
        assertThat(ThreadCpu.groupOf("GC Thread#1")).isEqualTo("G1 collection workers (pauses)");
        assertThat(ThreadCpu.groupOf("C2 CompilerThre")).isEqualTo("JIT: C2");
        assertThat(ThreadCpu.groupOf("rocksdb:low")).isEqualTo(ThreadCpu.groupOf("rocksdb:high"));
        assertThat(ThreadCpu.groupOf("flink-pekko.rem")).isEqualTo("flink-pekko.rem");
        assertThat(ThreadCpu.groupOf("pool-3-thread-12")).isEqualTo("pool-3-thread");
    }

    private static void spinForHalfASecondOfCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() < 500_000_000L) {
            spins++;
        }
        assertThat(spins).isPositive();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
