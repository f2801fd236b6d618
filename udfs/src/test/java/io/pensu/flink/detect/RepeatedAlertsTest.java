package io.pensu.flink.detect;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedAlertsTest {

    private static final double ALERT = 0.999995;
    private static final int QUIET_SAMPLES = 48;

    @Test
    void quietsLikelihoodAlertsForTheQuietSamplesAfterAnAlert() {
        RepeatedAlerts alerts = RepeatedAlerts.quieted(QUIET_SAMPLES);

        assertThat(alerts.filter(ALERT, false)).isEqualTo(ALERT);
        for (int i = 0; i < QUIET_SAMPLES; i++) {
            assertThat(alerts.filter(ALERT, false)).isEqualTo(0.5);
        }
        assertThat(alerts.filter(ALERT, false)).isEqualTo(ALERT);
    }

    @Test
    void leavesLowLikelihoodsAsTheyAreWhileQuiet() {
        RepeatedAlerts alerts = RepeatedAlerts.quieted(QUIET_SAMPLES);
        alerts.filter(ALERT, false);

        assertThat(alerts.filter(0.3, false)).isEqualTo(0.3);
    }

    @Test
    void neverQuietsASpatialAnomalyButStartsAQuietPeriodWithIt() {
        RepeatedAlerts alerts = RepeatedAlerts.quieted(QUIET_SAMPLES);
        alerts.filter(ALERT, false);

        assertThat(alerts.filter(1.0, true)).isEqualTo(1.0);
        for (int i = 0; i < QUIET_SAMPLES; i++) {
            assertThat(alerts.filter(ALERT, false)).isEqualTo(0.5);
        }
    }

    @Test
    void unquietedPassesEveryAlert() {
        RepeatedAlerts alerts = RepeatedAlerts.unquieted();

        assertThat(alerts.filter(ALERT, false)).isEqualTo(ALERT);
        assertThat(alerts.filter(ALERT, false)).isEqualTo(ALERT);
    }

    @Test
    void continuesItsQuietPeriodAfterASnapshot() throws IOException {
        RepeatedAlerts alerts = RepeatedAlerts.quieted(QUIET_SAMPLES);
        alerts.filter(ALERT, false);
        alerts.filter(ALERT, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            alerts.writeTo(out);
        }

        RepeatedAlerts restored =
                RepeatedAlerts.readFrom(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        for (int i = 1; i < QUIET_SAMPLES; i++) {
            assertThat(restored.filter(ALERT, false)).isEqualTo(0.5);
        }
        assertThat(restored.filter(ALERT, false)).isEqualTo(ALERT);
    }
}
