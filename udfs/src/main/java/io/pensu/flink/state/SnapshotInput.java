package io.pensu.flink.state;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * A model snapshot read from its bytes in keyed state. It knows how many bytes are left, so that a
 * reader can refuse a corrupt length before allocating it: a length is read before its array, and a
 * damaged one would otherwise ask for gigabytes, or a negative size, on every restore.
 */
public final class SnapshotInput extends DataInputStream {

    public SnapshotInput(byte[] bytes) {
        super(new ByteArrayInputStream(bytes));
    }

    /**
     * Refuses {@code bytes} about to be read or allocated for {@code what} when that is negative
     * or, when {@code in} is a snapshot's bytes, more than it has left; other inputs (a file, a
     * socket) do not know their length and are only checked for a negative one.
     */
    public static void requireBytes(DataInput in, long bytes, String what) throws IOException {
        if (bytes < 0) {
            throw new IOException("a snapshot gives " + what + " a negative length");
        }
        if (in instanceof SnapshotInput snapshot && bytes > snapshot.available()) {
            throw new IOException(
                    "a snapshot gives "
                            + what
                            + " "
                            + bytes
                            + " bytes, but only "
                            + snapshot.available()
                            + " are left");
        }
    }
}
