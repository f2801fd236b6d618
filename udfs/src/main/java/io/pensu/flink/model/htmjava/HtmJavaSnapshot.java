package io.pensu.flink.model.htmjava;

import io.pensu.flink.model.NetworkParameters;
import io.pensu.flink.state.SnapshotInput;

import org.numenta.nupic.encoders.RandomDistributedScalarEncoder;
import org.numenta.nupic.model.Connections;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * The binary layout of an htm.java network: format version, {@link NetworkParameters}, then the
 * length and bytes of the htm.java objects in Java serialization. htm.java offers no other working
 * way to save its state (its FST persistence needs {@code --add-opens} flags on Java 17), so this
 * is the one place where the project uses Java serialization.
 */
final class HtmJavaSnapshot {

    /**
     * Bumped whenever the layout changes, and when htm.java is upgraded: the serialized classes are
     * htm.java's.
     */
    static final int FORMAT_VERSION = 1;

    /** Only htm.java's own classes and the JDK and Trove collections it is made of. */
    private static final ObjectInputFilter HTM_JAVA_CLASSES =
            ObjectInputFilter.Config.createFilter(
                    "org.numenta.nupic.**;gnu.trove.**;java.lang.**;java.util.**;!*");

    private HtmJavaSnapshot() {}

    static void write(
            DataOutput out,
            NetworkParameters parameters,
            Connections connections,
            RandomDistributedScalarEncoder valueEncoder)
            throws IOException {
        out.writeInt(FORMAT_VERSION);
        parameters.writeTo(out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(connections);
            objects.writeObject(valueEncoder);
        }
        byte[] serialized = bytes.toByteArray();
        out.writeInt(serialized.length);
        out.write(serialized);
    }

    static HtmJavaNetwork read(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown htm.java network format version " + version);
        }
        NetworkParameters parameters = NetworkParameters.readFrom(in);
        int length = in.readInt();
        SnapshotInput.requireBytes(in, length, "an htm.java network");
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            objects.setObjectInputFilter(HTM_JAVA_CLASSES);
            Connections connections = (Connections) objects.readObject();
            RandomDistributedScalarEncoder valueEncoder =
                    (RandomDistributedScalarEncoder) objects.readObject();
            return new HtmJavaNetwork(
                    parameters, new InputEncoder(valueEncoder, parameters), connections);
        } catch (ClassNotFoundException e) {
            throw new IOException("htm.java network snapshot names an unknown class", e);
        }
    }
}
