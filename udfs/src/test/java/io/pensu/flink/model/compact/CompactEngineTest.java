package io.pensu.flink.model.compact;

import io.pensu.flink.model.DailySine;
import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngine;
import io.pensu.flink.model.HtmEngineContractTest;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.model.HtmNetwork;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class CompactEngineTest extends HtmEngineContractTest {

    @Override
    protected HtmEngine engine() {
        return new CompactEngine();
    }

    @Override
    protected int snapshotFormatVersion() {
        return CompactNetwork.FORMAT_VERSION;
    }

    @Test
    void isRegisteredAsCompact() {
        assertThat(HtmEngines.byId("compact")).isInstanceOf(CompactEngine.class);
    }

    @Test
    void snapshotIsUnchangedByAWriteAndReadBack() throws IOException {
        HtmNetwork network = engine().create(SMALL, new EncoderRange(0, 100, 1));
        feed(network, new DailySine(50, 40), 0, 200);

        byte[] written = snapshot(network);

        assertThat(snapshot(read(written))).isEqualTo(written);
    }
}
