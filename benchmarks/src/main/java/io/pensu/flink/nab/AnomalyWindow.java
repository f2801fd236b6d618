package io.pensu.flink.nab;

/**
 * A labelled anomaly window as row positions of its data file.
 *
 * @param first row of the window's start timestamp
 * @param last row of the window's end timestamp, inclusive
 */
public record AnomalyWindow(int first, int last) {

    public int length() {
        return last - first + 1;
    }
}
