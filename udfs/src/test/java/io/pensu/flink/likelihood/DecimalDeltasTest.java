package io.pensu.flink.likelihood;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalDeltasTest {

    @Test
    void givesBackEveryValueBitForBit() throws IOException {
        double[] values = {
            0.0,
            -0.0,
            1,
            73.96732207,
            74.93588199999998,
            0.132,
            0.1 + 0.2,
            Math.PI,
            -17.5,
            1e300,
            -1e-300,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            0x1p53,
            0x1p53 + 2,
            0x1p53 - 1,
            1e22,
            1e-22,
            123456789012.5,
            0.1,
            0.1
        };

        double[] read = roundTrip(values);

        assertThat(bits(read)).containsExactly(bits(values));
    }

    @Test
    void writesShortDecimalsThatChangeLittleInAByteOrTwo() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        double[] values = new double[1000];
        double value = 0.5;
        for (int i = 0; i < values.length; i++) {
            value = Math.max(0, Math.round(1000 * (value + random.nextDouble(-0.05, 0.05))) / 1e3);
            values[i] = value;
        }

        byte[] bytes = write(values);

        assertThat(bits(read(bytes, values.length))).containsExactly(bits(values));
        // The length of the block, then each value's change of -50 to 50 thousandths in 2 bytes at
        // most.
        assertThat(bytes.length).isLessThanOrEqualTo(4 + 2 * values.length);
    }

    @Test
    void takesAtMostAByteMoreThanADoubleForValuesThatAreNoShortDecimals() throws IOException {
        SplittableRandom random = new SplittableRandom(2);
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 3 == 0 ? random.nextDouble() : Math.round(random.nextDouble(1e4)) / 1e2;
        }

        byte[] bytes = write(values);

        assertThat(bits(read(bytes, values.length))).containsExactly(bits(values));
        assertThat(bytes.length).isLessThanOrEqualTo(4 + 9 * values.length + 1);
    }

    @Test
    void rejectsAnUnknownScale() {
        byte[] bytes = {0, 0, 0, 2, 1, 40};

        assertThatThrownBy(() -> read(bytes, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("scale 40");
    }

    @Test
    void rejectsValuesCutShort() throws IOException {
        byte[] bytes = write(new double[] {1.5, 2.5, Math.PI});
        bytes[3] -= 1;

        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 1), 3))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cut short");
    }

    private static double[] roundTrip(double[] values) throws IOException {
        return read(write(values), values.length);
    }

    private static byte[] write(double[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DecimalDeltas.write(new DataOutputStream(bytes), values);
        return bytes.toByteArray();
    }

    private static double[] read(byte[] bytes, int count) throws IOException {
        double[] values = new double[count];
        DecimalDeltas.read(new DataInputStream(new ByteArrayInputStream(bytes)), values, count);
        return values;
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
