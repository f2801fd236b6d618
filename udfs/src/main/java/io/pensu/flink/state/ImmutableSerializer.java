package io.pensu.flink.state;

import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;

import java.io.IOException;

/**
 * Base of the serializers for the detector's immutable state records: a copy is the record itself,
 * and nothing is reused.
 */
abstract class ImmutableSerializer<T> extends TypeSerializerSingleton<T> {

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }
}
