package io.pensu.flink.job.state;

import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.RocksDB;

import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointCompactionTest {

    @Test
    void levelZeroWaitsForSixtyFourFilesWithoutThrottlingWritesBeforeThen() {
        RocksDB.loadLibrary();
        try (ColumnFamilyOptions defaults = new ColumnFamilyOptions()) {
            ColumnFamilyOptions options =
                    new CheckpointCompaction().createColumnOptions(defaults, new ArrayList<>());

            assertThat(options.level0FileNumCompactionTrigger()).isEqualTo(64);
            assertThat(options.level0SlowdownWritesTrigger()).isGreaterThan(64);
            assertThat(options.level0StopWritesTrigger())
                    .isGreaterThan(options.level0SlowdownWritesTrigger());
        }
    }
}
