package io.pensu.flink.state;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.util.function.Supplier;

/**
 * Snapshot of a serializer whose binary format is identified by a version number. State written
 * with an older format is read with that format's serializer and migrated to the current one, so a
 * release that changes a format keeps reading savepoints of the releases before it.
 */
public abstract class VersionedSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {

    private final int currentFormat;
    private final Supplier<TypeSerializer<T>> currentSerializer;
    private int writtenFormat;

    protected VersionedSerializerSnapshot(
            int currentFormat, Supplier<TypeSerializer<T>> currentSerializer) {
        this.currentFormat = currentFormat;
        this.currentSerializer = currentSerializer;
        this.writtenFormat = currentFormat;
    }

    /**
     * A serializer that reads {@code format}. A release that changes the format overrides this to
     * return a reader of each older format it still supports.
     */
    protected TypeSerializer<T> serializerFor(int format) {
        if (format != currentFormat) {
            throw new IllegalStateException(
                    getClass().getName()
                            + ": state was written in format "
                            + format
                            + ", this release reads format "
                            + currentFormat);
        }
        return currentSerializer.get();
    }

    @Override
    public int getCurrentVersion() {
        return currentFormat;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {
        // The version Flink stores beside the snapshot is the format; nothing else to write.
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) {
        this.writtenFormat = readVersion;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return serializerFor(writtenFormat);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int oldFormat = ((VersionedSerializerSnapshot<T>) oldSnapshot).writtenFormat;
        return oldFormat == currentFormat
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
