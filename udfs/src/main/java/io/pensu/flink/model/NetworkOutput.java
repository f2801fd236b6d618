package io.pensu.flink.model;

/**
 * What a network computed for one sample.
 *
 * @param rawAnomalyScore fraction of the active columns that were not predicted, in [0, 1]
 * @param activeColumns indices of the spatial pooler's active columns, ascending
 */
public record NetworkOutput(double rawAnomalyScore, int[] activeColumns) {}
