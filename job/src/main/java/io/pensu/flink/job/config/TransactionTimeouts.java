package io.pensu.flink.job.config;

import java.time.Duration;

/**
 * How long the exactly-once Kafka transactions may live, and what that leaves for checkpoints.
 *
 * <p>A sink's transaction opens when one checkpoint's barrier passes and commits only when the next
 * checkpoint completes; a failure in between keeps it open through the recovery, after which the
 * restored job commits it. If the broker aborts it first, that checkpoint's output is lost while
 * the input offsets move on. So the longest time between two checkpoint triggers (the interval, or
 * a checkpoint that ran to its timeout plus the minimum pause), plus the next checkpoint running to
 * its timeout, plus a recovery, must fit into the transaction timeout. Each checkpoint failure the
 * cluster tolerates lets one transaction span one more such time.
 */
public final class TransactionTimeouts {

    /** The broker's default, and usual, transaction.max.timeout.ms: a longer one is refused. */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /** A checkpoint of the job that takes longer has stalled: it is better failed and retried. */
    public static final Duration CHECKPOINT_TIMEOUT = Duration.ofMinutes(3);

    /** Room for a failover (restart back-off, a TaskManager coming back, the restore). */
    public static final Duration RECOVERY_MARGIN = Duration.ofMinutes(5);

    /** Longest checkpoint interval plus minimum pause when no checkpoint failure is tolerated. */
    public static final Duration LONGEST_CYCLE = longestCycle(0);

    private TransactionTimeouts() {}

    /**
     * Longest checkpoint interval plus minimum pause between checkpoints: 4 min, 30 s with one
     * tolerated checkpoint failure, negative (none) with more.
     */
    public static Duration longestCycle(int tolerableFailures) {
        return TRANSACTION_TIMEOUT
                .minus(RECOVERY_MARGIN)
                .minus(CHECKPOINT_TIMEOUT)
                .dividedBy(tolerableFailures + 1L)
                .minus(CHECKPOINT_TIMEOUT);
    }

    /** True when transactions opened at this pace outlive neither checkpoints nor a recovery. */
    public static boolean covers(Duration interval, Duration minPause, int tolerableFailures) {
        return interval.plus(minPause).compareTo(longestCycle(tolerableFailures)) <= 0;
    }

    /** The checkpoint timeout the job runs with: the configured one, if shorter than ours. */
    public static Duration checkpointTimeout(Duration configured) {
        return configured.compareTo(CHECKPOINT_TIMEOUT) < 0 ? configured : CHECKPOINT_TIMEOUT;
    }

    /** Why the rule exists, for error messages. */
    public static String rule() {
        return "an exactly-once Kafka transaction stays open from one checkpoint until the next"
                + " completes, and through a recovery: interval + minimum pause + 2 x checkpoint"
                + " timeout ("
                + CHECKPOINT_TIMEOUT.toMinutes()
                + " min) + recovery margin ("
                + RECOVERY_MARGIN.toMinutes()
                + " min) must fit into the transaction timeout ("
                + TRANSACTION_TIMEOUT.toMinutes()
                + " min)";
    }
}
