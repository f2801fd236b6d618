package io.pensu.flink.nab;

import io.pensu.flink.rcf.RcfModel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** AWS Random Cut Forest in OpenSearch's configuration ({@link RcfModel}), one model per file. */
public final class RcfPeer implements PeerDetector {

    public static final String NAME = "rcf";

    /** Each file's forest gets the same seed, so a file's scores do not depend on the others. */
    static final long SEED = 42;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PeerScores run(NabCorpus corpus, int parallelism) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(parallelism);
        try {
            Map<String, Future<double[]>> pending = new TreeMap<>();
            long[] nanos = new long[corpus.files().size()];
            List<NabDataFile> files = new ArrayList<>(corpus.files().values());
            for (int i = 0; i < files.size(); i++) {
                NabDataFile file = files.get(i);
                int slot = i;
                pending.put(file.name(), threads.submit(() -> scores(file, nanos, slot)));
            }
            Map<String, double[]> scores = new TreeMap<>();
            for (Map.Entry<String, Future<double[]>> file : pending.entrySet()) {
                scores.put(file.getKey(), file.getValue().get());
            }
            long total = 0;
            for (long n : nanos) {
                total += n;
            }
            return new PeerScores(scores, total / 1e3 / corpus.rowCount());
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The file's grades, row by row; the thread's CPU time in the model goes to {@code nanos[slot]}
     * (CPU time, not wall time: the machine is shared). A row whose timestamp is not after the last
     * one scores 0 and stays out of the model, as the job rejects it: OpenSearch never sees an
     * interval twice.
     */
    static double[] scores(NabDataFile file, long[] nanos, int slot) {
        long[] millis = new long[file.rows()];
        for (int row = 0; row < file.rows(); row++) {
            millis[row] = file.epochMillis(row);
        }
        RcfModel model = new RcfModel(SEED);
        double[] grades = new double[file.rows()];
        long last = Long.MIN_VALUE;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int row = 0; row < file.rows(); row++) {
            if (millis[row] > last) {
                grades[row] = model.process(millis[row], file.values()[row]);
                last = millis[row];
            }
        }
        nanos[slot] = THREADS.getCurrentThreadCpuTime() - start;
        return grades;
    }
}
