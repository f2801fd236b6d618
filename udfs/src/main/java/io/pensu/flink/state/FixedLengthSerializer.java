package io.pensu.flink.state;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Base of the serializers for the detector's small immutable state records, which all have a fixed
 * binary length.
 */
abstract class FixedLengthSerializer<T> extends ImmutableSerializer<T> {

    private final int length;

    FixedLengthSerializer(int length) {
        this.length = length;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.write(source, length);
    }
}
