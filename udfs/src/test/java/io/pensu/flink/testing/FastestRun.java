package io.pensu.flink.testing;

/**
 * Times an action by its fastest of several runs: the first runs pay for class loading and the JIT,
 * and on a machine busy with other builds any single run can be slow.
 */
public final class FastestRun {

    /**
     * Linear parsing of the hostile inputs takes milliseconds; the backtracking these tests guard
     * against takes seconds to hours on them. Two seconds tells the two apart even on a machine
     * loaded twenty times over, without being a speed test.
     */
    public static final long LINEAR_BOUND_MILLIS = 2000;

    private static final int RUNS = 10;

    private FastestRun() {}

    public static long millis(Runnable action) {
        long fastestNanos = Long.MAX_VALUE;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            action.run();
            fastestNanos = Math.min(fastestNanos, System.nanoTime() - start);
        }
        return fastestNanos / 1_000_000;
    }
}
