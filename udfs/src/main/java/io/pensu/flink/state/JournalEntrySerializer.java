package io.pensu.flink.state;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** Format 1: timestamp (long) and value (double). */
public final class JournalEntrySerializer extends FixedLengthSerializer<JournalEntry> {

    public static final JournalEntrySerializer INSTANCE = new JournalEntrySerializer();

    private JournalEntrySerializer() {
        super(Long.BYTES + Double.BYTES);
    }

    @Override
    public JournalEntry createInstance() {
        return new JournalEntry(0L, 0.0);
    }

    @Override
    public void serialize(JournalEntry entry, DataOutputView target) throws IOException {
        target.writeLong(entry.timestampMillis());
        target.writeDouble(entry.value());
    }

    @Override
    public JournalEntry deserialize(DataInputView source) throws IOException {
        return new JournalEntry(source.readLong(), source.readDouble());
    }

    @Override
    public TypeSerializerSnapshot<JournalEntry> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link JournalEntrySerializer} by format version. */
    public static final class Snapshot extends VersionedSerializerSnapshot<JournalEntry> {
        public Snapshot() {
            super(1, () -> INSTANCE);
        }
    }
}
