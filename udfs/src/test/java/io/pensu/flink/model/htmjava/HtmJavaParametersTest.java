package io.pensu.flink.model.htmjava;

import io.pensu.flink.model.NetworkParameters;

import org.junit.jupiter.api.Test;
import org.numenta.nupic.model.Connections;

import static org.assertj.core.api.Assertions.assertThat;

class HtmJavaParametersTest {

    /** Every value distinct from htm.java's defaults, so that a dropped key shows. */
    private static final NetworkParameters DISTINCT =
            NetworkParameters.defaults()
                    .with("sp.columnCount", "300")
                    .with("sp.numActiveColumnsPerInhArea", "12")
                    .with("sp.potentialPct", "0.7")
                    .with("sp.synPermConnected", "0.15")
                    .with("sp.synPermActiveInc", "0.004")
                    .with("sp.synPermInactiveDec", "0.0006")
                    .with("sp.boostStrength", "2.0")
                    .with("tm.cellsPerColumn", "7")
                    .with("tm.activationThreshold", "11")
                    .with("tm.minThreshold", "9")
                    .with("tm.newSynapseCount", "17")
                    .with("tm.maxSynapsesPerSegment", "31")
                    .with("tm.maxSegmentsPerCell", "127")
                    .with("tm.initialPermanence", "0.22")
                    .with("tm.permanenceIncrement", "0.09")
                    .with("tm.permanenceDecrement", "0.08")
                    .with("tm.predictedSegmentDecrement", "0.004");

    @Test
    void appliesEveryNetworkParameterToTheConnections() {
        Connections c = new Connections();
        HtmJavaParameters.of(DISTINCT, 450, 1234).apply(c);

        assertThat(c.getInputDimensions()).containsExactly(450);
        assertThat(c.getPotentialRadius()).isEqualTo(450);
        assertThat(c.getColumnDimensions()).containsExactly(300);
        assertThat(c.getNumActiveColumnsPerInhArea()).isEqualTo(12);
        assertThat(c.getLocalAreaDensity()).isNegative();
        assertThat(c.getGlobalInhibition()).isTrue();
        assertThat(c.getPotentialPct()).isEqualTo(0.7);
        assertThat(c.getSynPermConnected()).isEqualTo(0.15);
        assertThat(c.getSynPermActiveInc()).isEqualTo(0.004);
        assertThat(c.getSynPermInactiveDec()).isEqualTo(0.0006);
        assertThat(c.getMaxBoost()).isEqualTo(HtmJavaParameters.maxBoost(DISTINCT));
        assertThat(c.getCellsPerColumn()).isEqualTo(7);
        assertThat(c.getActivationThreshold()).isEqualTo(11);
        assertThat(c.getMinThreshold()).isEqualTo(9);
        assertThat(c.getMaxNewSynapseCount()).isEqualTo(17);
        assertThat(c.getMaxSynapsesPerSegment()).isEqualTo(31);
        assertThat(c.getMaxSegmentsPerCell()).isEqualTo(127);
        assertThat(c.getInitialPermanence()).isEqualTo(0.22);
        assertThat(c.getPermanenceIncrement()).isEqualTo(0.09);
        assertThat(c.getPermanenceDecrement()).isEqualTo(0.08);
        assertThat(c.getPredictedSegmentDecrement()).isEqualTo(0.004);
        assertThat(c.getSeed()).isEqualTo(1234);
    }

    @Test
    void givesEveryNetworkItsOwnRandomGenerator() {
        Connections first = new Connections();
        Connections second = new Connections();
        HtmJavaParameters.of(DISTINCT, 450, 1).apply(first);
        HtmJavaParameters.of(DISTINCT, 450, 1).apply(second);

        assertThat(first.getRandom()).isNotSameAs(second.getRandom());
    }

    @Test
    void turnsBoostingOffForBoostStrengthZero() {
        assertThat(HtmJavaParameters.maxBoost(NetworkParameters.defaults())).isEqualTo(1.0);
    }

    @Test
    void capsTheBoostAtTheBoostANeverActiveColumnGetsInNuPic() {
        // NuPIC: exp(-boostStrength * (0 - 12/300)) for a column with duty cycle 0.
        assertThat(HtmJavaParameters.maxBoost(DISTINCT)).isEqualTo(Math.exp(2.0 * 12 / 300));
    }
}
