package io.pensu.flink.job.state;

import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;

import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

import java.util.Collection;

/**
 * RocksDB compaction for state that incremental checkpoints upload: level-0 files merge into level
 * 1 once {@value #LEVEL0_FILES_PER_COMPACTION} of them wait instead of RocksDB's 4.
 *
 * <p>Every checkpoint flushes the memtables, so each adds one small level-0 file per state, and the
 * detector's writes (a snapshot rewrite here, a status there) fall in every key group, so every
 * such file overlaps all of level 1. With RocksDB's trigger of 4, every fourth checkpoint rewrote
 * level 1 whole (up to 256 MB a subtask) for a few MB of changes, and the next checkpoint uploaded
 * it: an incremental checkpoint averaged 85 MB a subtask where the state had changed by 5 MB
 * (docs/BENCHMARKS.md, "Incremental checkpoints of old models"). Sixty-four files cut that rewrite
 * sixteen-fold; the price is more level-0 files for a read to probe, which the bloom filters the
 * job turns on with this factory keep to a hash lookup each. The write slowdown and stop move with
 * the trigger, or RocksDB would throttle writes while the files wait by design.
 */
public final class CheckpointCompaction implements RocksDBOptionsFactory {

    static final int LEVEL0_FILES_PER_COMPACTION = 64;

    @Override
    public DBOptions createDBOptions(DBOptions current, Collection<AutoCloseable> handles) {
        return current;
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(
            ColumnFamilyOptions current, Collection<AutoCloseable> handles) {
        return current.setLevel0FileNumCompactionTrigger(LEVEL0_FILES_PER_COMPACTION)
                .setLevel0SlowdownWritesTrigger(2 * LEVEL0_FILES_PER_COMPACTION)
                .setLevel0StopWritesTrigger(3 * LEVEL0_FILES_PER_COMPACTION);
    }
}
