package io.pensu.flink.quota;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LogThrottleTest {

    @Test
    void letsTheFirstWarningThroughThenAtMostOncePerInterval() {
        AtomicLong now = new AtomicLong(1_000_000L);
        LogThrottle throttle = new LogThrottle(300_000L, now::get);

        assertThat(throttle.tryAcquire()).isTrue();
        now.addAndGet(299_999L);
        assertThat(throttle.tryAcquire()).isFalse();
        now.addAndGet(1L);
        assertThat(throttle.tryAcquire()).isTrue();
        assertThat(throttle.tryAcquire()).isFalse();
    }
}
