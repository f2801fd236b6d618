package io.pensu.flink.generator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NabSeriesTest {

    @Test
    void rowsBecomeOffsetsFromTheFirstAndValues() {
        NabSeries series =
                NabSeries.parse(
                        "nab.aws.x",
                        "timestamp,value\r\n2014-02-14 14:30:00,0.132\r\n2014-02-14 14:35:00,2\r\n");
        assertThat(series.offsetsMillis()).containsExactly(0L, 300_000L);
        assertThat(series.values()).containsExactly(0.132, 2.0);
    }

    @Test
    void leavesOutRowsNotLaterThanTheOneBefore() {
        NabSeries series =
                NabSeries.parse(
                        "nab.aws.x",
                        "timestamp,value\n2014-03-09 01:59:00,1\n2014-03-09 03:00:00,2\n"
                                + "2014-03-09 03:00:00,3\n2014-03-09 03:01:00,4\n");
        assertThat(series.offsetsMillis()).containsExactly(0L, 3_660_000L, 3_720_000L);
        assertThat(series.values()).containsExactly(1.0, 2.0, 4.0);
    }

    @Test
    void rejectsAFileWithoutTheNabHeader() {
        assertThatThrownBy(() -> NabSeries.parse("nab.aws.x", "time,v\n2014-02-14 14:30:00,1\n"))
                .hasMessageContaining("not a NAB data file");
    }

    @Test
    void bundlesTheSeventeenAwsFilesAndTheirLicense() {
        assertThat(NabFiles.available())
                .hasSize(17)
                .contains("ec2_cpu_utilization_24ae8d", "iio_us-east-1_i-a2eb1cd9_NetworkIn");
        assertThat(NabFiles.class.getClassLoader().getResource("nab/LICENSE")).isNotNull();
        for (String file : NabFiles.available()) {
            assertThat(NabFiles.load(file, "").offsetsMillis()).hasSizeGreaterThan(1000);
        }
    }

    @Test
    void namesEachFileAsAGraphiteMetric() {
        assertThat(NabFiles.metricName("ec2_cpu_utilization_24ae8d"))
                .isEqualTo("nab.aws.ec2_cpu_utilization_24ae8d");
        assertThat(NabFiles.metricName("iio_us-east-1_i-a2eb1cd9_NetworkIn"))
                .isEqualTo("nab.aws.iio_us-east-1_i-a2eb1cd9_networkin");
        assertThat(NabFiles.load("grok_asg_anomaly", "demo").metricName())
                .isEqualTo("demo.nab.aws.grok_asg_anomaly");
    }
}
