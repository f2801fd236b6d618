package io.pensu.flink.detect;

import io.pensu.flink.input.DeadLetter;
import io.pensu.flink.input.Sample;
import io.pensu.flink.input.SeparateDeadLetters;
import io.pensu.flink.testing.CapturedMetrics;

import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * The detector in an operator test harness, one subtask of a job, with its keyed state within the
 * test's reach.
 */
final class DetectorHarness implements AutoCloseable {

    /** Snapshots of the test-sized htm.java networks exceed the 5 MB default. */
    private static final int SNAPSHOT_LIMIT_BYTES = 256 * 1024 * 1024;

    private final KeyedOneInputStreamOperatorTestHarness<String, Sample, Detection> harness;

    /** The only subtask, on the heap or on RocksDB. */
    DetectorHarness(DetectorSettings settings, boolean rocksDb, CapturedMetrics metrics)
            throws Exception {
        this(settings, rocksDb, metrics, 1, 1, 0);
    }

    /** Subtask {@code subtask} of {@code parallelism}, in a job of {@code keyGroups}. */
    DetectorHarness(
            DetectorSettings settings,
            boolean rocksDb,
            CapturedMetrics metrics,
            int keyGroups,
            int parallelism,
            int subtask)
            throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        // Flink ships functions to the task managers serialized; test the copy.
                        new KeyedProcessOperator<>(
                                InstantiationUtil.clone(new MetricDetector(settings))),
                        Sample::metric,
                        Types.STRING,
                        metrics.environment(keyGroups, parallelism, subtask));
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        harness.setCheckpointStorage(new JobManagerCheckpointStorage(SNAPSHOT_LIMIT_BYTES));
    }

    /** Opens the detector, restored from {@code state} unless that is null. */
    DetectorHarness open(OperatorSubtaskState state) throws Exception {
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        return this;
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    void setProcessingTime(long millis) throws Exception {
        harness.setProcessingTime(millis);
    }

    void feed(List<Sample> samples) throws Exception {
        for (Sample s : samples) {
            harness.processElement(new StreamRecord<>(s));
        }
    }

    List<Detection> detections() {
        List<Detection> out = new ArrayList<>();
        harness.extractOutputValues().forEach(out::add);
        return out;
    }

    List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        var letters = harness.getSideOutput(SeparateDeadLetters.DEAD_LETTERS);
        if (letters != null) {
            letters.forEach(record -> out.add(record.getValue()));
        }
        return out;
    }

    int numKeyedStateEntries() {
        return harness.numKeyedStateEntries();
    }

    /** The keyed state of {@code descriptor} for {@code metric}. */
    <S extends State> S state(String metric, StateDescriptor<S, ?> descriptor) throws Exception {
        KeyedStateBackend<String> backend =
                ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        backend.setCurrentKey(metric);
        return backend.getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
