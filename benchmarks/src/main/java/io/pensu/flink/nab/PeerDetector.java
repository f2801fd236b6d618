package io.pensu.flink.nab;

import java.util.Map;

/**
 * A streaming detector the NAB benchmark runs next to the job's own, on the same files, scored by
 * the same scorer: it sees each file's rows one at a time, in order, and nothing else of the file.
 */
public interface PeerDetector {

    /** Its name in NAB's results layout and in the reports. */
    String name();

    /**
     * Every file of {@code corpus} through a fresh model of its own, files spread over {@code
     * parallelism} threads.
     */
    PeerScores run(NabCorpus corpus, int parallelism) throws Exception;

    /**
     * @param scores per file name, one anomaly score in [0, 1] per row
     * @param microsPerSample the model's compute per sample, mean over all rows: CPU time of one
     *     core
     */
    record PeerScores(Map<String, double[]> scores, double microsPerSample) {}
}
