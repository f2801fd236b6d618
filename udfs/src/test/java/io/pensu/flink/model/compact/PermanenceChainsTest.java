package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermanenceChainsTest {

    @Test
    void readsBackThePermanencesOfEverySegmentInOrder() throws IOException {
        Random random = new Random(3);
        int[] counts = {0, 5, 1, 0, 32, 7, 0};
        int total = 45;
        int[] permanences = new int[total];
        for (int i = 0; i < total; i++) {
            permanences[i] = random.nextInt(8) == 0 ? 4095 : 860 + 409 * random.nextInt(4);
        }

        int[] read = read(write(permanences, counts), counts);

        assertThat(read).containsExactly(permanences);
    }

    @Test
    void takesFewerBitsForPermanencesThatFollowTheirPredecessors() throws IOException {
        Random random = new Random(4);
        int segments = 1000;
        int[] counts = new int[segments];
        int[] permanences = new int[segments * 20];
        for (int s = 0, i = 0; s < segments; s++) {
            counts[s] = 20;
            int level = 860 + 409 * random.nextInt(8);
            for (int k = 0; k < 20; k++) {
                permanences[i++] = random.nextInt(10) == 0 ? 860 : level;
            }
        }

        byte[] bytes = write(permanences, counts);

        // Eight levels equally often would take 3 bits each without the chain.
        assertThat(bytes.length * 8).isLessThan(permanences.length * 2);
        assertThat(read(bytes, counts)).containsExactly(permanences);
    }

    @Test
    void rejectsSegmentsWithMoreSynapsesThanWereWritten() throws IOException {
        byte[] bytes = write(new int[] {10, 20, 30}, new int[] {3});

        assertThatThrownBy(() -> read(bytes, new int[] {4}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> read(bytes, new int[] {2}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("inconsistent");
    }

    private static byte[] write(int[] permanences, int[] counts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PermanenceChains.write(new DataOutputStream(bytes), permanences, counts);
        return bytes.toByteArray();
    }

    private static int[] read(byte[] bytes, int[] counts) throws IOException {
        return PermanenceChains.read(new DataInputStream(new ByteArrayInputStream(bytes)), counts);
    }
}
