package io.pensu.flink.model;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkParametersTest {

    @Test
    void readsBackWhatItWrote() throws IOException {
        NetworkParameters parameters =
                NetworkParameters.defaults()
                        .with("tm.connectedPermanence", "0.3")
                        .with("sp.potentialPct", "0.3");

        assertThat(read(written(parameters))).isEqualTo(parameters);
    }

    /** Snapshots of networks made before the key existed ran the temporal memory at 0.5. */
    @Test
    void givesASnapshotWithoutTheConnectedPermanenceKeyTheValueItHadBefore() throws IOException {
        NetworkParameters parameters =
                NetworkParameters.defaults().with("tm.connectedPermanence", "0.2");

        assertThat(read(writtenWithout(parameters, "tm.connectedPermanence")))
                .isEqualTo(parameters.with("tm.connectedPermanence", "0.5"));
    }

    @Test
    void givesASnapshotWithoutTheAnomalyReadoutKeyTheConnectedSynapsesReadout() throws IOException {
        NetworkParameters parameters =
                NetworkParameters.defaults().with("tm.anomalyCountsPotentialSynapses", "1");

        assertThat(read(writtenWithout(parameters, "tm.anomalyCountsPotentialSynapses")))
                .isEqualTo(parameters.with("tm.anomalyCountsPotentialSynapses", "0"));
    }

    /** Models of releases before alert quieting never quieted. */
    @Test
    void givesASnapshotWithoutTheQuietSamplesKeyNoQuieting() throws IOException {
        NetworkParameters parameters = NetworkParameters.defaults();

        assertThat(read(writtenWithout(parameters, "likelihood.quietSamples")))
                .isEqualTo(parameters.with("likelihood.quietSamples", "0"));
    }

    @Test
    void givesASnapshotWithoutTheSynapseBudgetKeyNoBudget() throws IOException {
        NetworkParameters parameters = NetworkParameters.defaults().with("tm.maxSynapses", "65536");

        assertThat(read(writtenWithout(parameters, "tm.maxSynapses")))
                .isEqualTo(parameters.with("tm.maxSynapses", "0"));
    }

    /** Models of releases before sp.learn had a spatial pooler that learned. */
    @Test
    void givesASnapshotWithoutTheLearningKeyALearningSpatialPooler() throws IOException {
        NetworkParameters parameters = NetworkParameters.defaults().with("sp.learn", "0");

        assertThat(read(writtenWithout(parameters, "sp.learn")))
                .isEqualTo(parameters.with("sp.learn", "1"));
    }

    @Test
    void rejectsBoostingInASpatialPoolerThatDoesNotLearn() {
        assertThatThrownBy(
                        () ->
                                NetworkParameters.defaults()
                                        .with("sp.boostStrength", "2")
                                        .with("sp.learn", "0")
                                        .validate())
                .hasMessageContaining("sp.boostStrength")
                .hasMessageContaining("sp.learn 1");
        assertThat(
                        NetworkParameters.defaults()
                                .with("sp.boostStrength", "2")
                                .validate()
                                .boostStrength())
                .isEqualTo(2.0);
    }

    @Test
    void rejectsASynapseBudgetOfFewerThanTenFullSegments() {
        assertThatThrownBy(
                        () -> NetworkParameters.defaults().with("tm.maxSynapses", "319").validate())
                .hasMessageContaining("tm.maxSynapses");
    }

    @Test
    void rejectsAConnectedPermanenceOutsideZeroToOne() {
        assertThatThrownBy(
                        () ->
                                NetworkParameters.defaults()
                                        .with("tm.connectedPermanence", "0")
                                        .validate())
                .hasMessageContaining("tm.connectedPermanence");
    }

    /** As a release that did not know {@code key} wrote {@code parameters}. */
    private static byte[] writtenWithout(NetworkParameters parameters, String key)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(1);
            out.writeInt(NetworkParameters.KEYS.size() - 1);
            for (Map.Entry<String, NetworkParameters.Field> e : NetworkParameters.KEYS.entrySet()) {
                if (!e.getKey().equals(key)) {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue().getter().apply(parameters));
                }
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] written(NetworkParameters parameters) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            parameters.writeTo(out);
        }
        return bytes.toByteArray();
    }

    private static NetworkParameters read(byte[] bytes) throws IOException {
        return NetworkParameters.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
