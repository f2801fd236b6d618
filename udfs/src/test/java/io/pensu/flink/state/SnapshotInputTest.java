package io.pensu.flink.state;

import io.pensu.flink.classifier.MultiStepClassifier;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotInputTest {

    @Test
    void refusesALengthBeyondTheBytesLeftAndANegativeOne() throws IOException {
        try (SnapshotInput in = new SnapshotInput(new byte[12])) {
            in.readInt();
            SnapshotInput.requireBytes(in, 8, "a block");
            assertThatThrownBy(() -> SnapshotInput.requireBytes(in, 9, "a block"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("a snapshot gives a block 9 bytes, but only 8 are left");
            assertThatThrownBy(() -> SnapshotInput.requireBytes(in, -1, "a block"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("a snapshot gives a block a negative length");
        }
    }

    /** Before the check, this asked for an int[Integer.MAX_VALUE]: an OutOfMemoryError. */
    @Test
    void aReaderRefusesAnAbsurdLengthInsteadOfAllocatingIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(2); // the classifier's current snapshot format
            out.writeInt(Integer.MAX_VALUE); // prediction steps
            out.writeInt(1);
        }
        try (SnapshotInput in = new SnapshotInput(bytes.toByteArray())) {
            assertThatThrownBy(() -> MultiStepClassifier.readFrom(in))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("prediction steps");
        }
    }
}
