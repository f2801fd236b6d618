package io.pensu.flink.model.htmjava;

import io.pensu.flink.model.DailySine;
import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngine;
import io.pensu.flink.model.HtmEngineContractTest;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.NetworkOutput;
import io.pensu.flink.model.NetworkParameters;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmJavaEngineTest extends HtmEngineContractTest {

    @Override
    protected HtmEngine engine() {
        return new HtmJavaEngine();
    }

    @Test
    void isIdentifiedAsHtmJava() {
        assertThat(engine().id()).isEqualTo(HtmJavaEngine.ID).isEqualTo("htm.java");
    }

    @Test
    void scoresASpikeHigherThanNormalDataWithTheDefaultParameters() {
        DailySine metric = new DailySine(50, 40);
        int spike = 7 * DailySine.SAMPLES_PER_DAY + 20;
        HtmNetwork network =
                engine().create(
                                NetworkParameters.defaults(),
                                EncoderRange.learn(metric.values(DailySine.SAMPLES_PER_DAY), 130));

        List<NetworkOutput> outputs = feed(network, metric, 0, spike);
        double spikeScore = network.compute(DailySine.timestamp(spike), 200).rawAnomalyScore();

        double[] lastDay =
                outputs.subList(spike - DailySine.SAMPLES_PER_DAY, spike).stream()
                        .mapToDouble(NetworkOutput::rawAnomalyScore)
                        .sorted()
                        .toArray();
        double median = lastDay[lastDay.length / 2];
        assertThat(spikeScore).isGreaterThan(median + 0.5);
    }

    @Test
    void rejectsAValueItCannotEncode() {
        HtmNetwork network = engine().create(SMALL, new EncoderRange(0, 100, 1));

        assertThatThrownBy(() -> network.compute(DailySine.START_MILLIS, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void refusesASnapshotOfAnUnknownFormatVersion() throws IOException {
        byte[] snapshot = snapshot(engine().create(SMALL, new EncoderRange(0, 100, 1)));
        snapshot[3]++; // the low byte of the leading format version

        assertThatThrownBy(() -> read(snapshot))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format version " + (HtmJavaSnapshot.FORMAT_VERSION + 1));
    }

    @Test
    void refusesASnapshotThatHoldsClassesOtherThanHtmJavasOwn() throws IOException {
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(serialized)) {
            objects.writeObject(new File("/etc/passwd"));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(HtmJavaSnapshot.FORMAT_VERSION);
            SMALL.writeTo(out);
            out.writeInt(serialized.size());
            out.write(serialized.toByteArray());
        }

        assertThatThrownBy(() -> read(bytes.toByteArray()))
                .isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
    }
}
