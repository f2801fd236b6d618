package io.pensu.flink.generator;

import io.pensu.flink.generator.GeneratorOptions.Action;
import io.pensu.flink.generator.GeneratorOptions.Source;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorOptionsTest {

    private static final List<String> FILES = List.of("ec2_a", "ec2_b", "rds_c");

    private static GeneratorOptions parse(String... args) throws UsageException {
        return GeneratorOptions.parse(args, FILES);
    }

    @Test
    void defaultsWriteBothSourcesToTheLocalBroker() throws Exception {
        GeneratorOptions options = parse();
        assertThat(options.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(options.topic()).isEqualTo("metrics");
        assertThat(options.sources()).containsExactlyInAnyOrder(Source.HOST, Source.NAB_AWS);
        assertThat(options.rate()).isEqualTo(1);
        assertThat(options.speedUp()).isEqualTo(300);
        assertThat(options.duration()).isEmpty();
        assertThat(options.count()).isEmpty();
        assertThat(options.stdout()).isFalse();
        assertThat(options.files()).isEqualTo(FILES);
        assertThat(options.prefix()).isEmpty();
        assertThat(options.progressEvery()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsEveryFlagInBothForms() throws Exception {
        GeneratorOptions options =
                parse(
                        "--bootstrap-servers",
                        "kafka:9092",
                        "--topic=in",
                        "--sources",
                        "nab-aws",
                        "--rate",
                        "0.2",
                        "--speed-up",
                        "3600",
                        "--duration",
                        "10m",
                        "--count",
                        "500",
                        "--stdout",
                        "--files",
                        "rds_c.csv,ec2_a",
                        "--prefix",
                        "demo.x",
                        "--host-name",
                        "Web1.example",
                        "--interface",
                        "ens3",
                        "--progress-every",
                        "2");
        assertThat(options)
                .isEqualTo(
                        new GeneratorOptions(
                                "kafka:9092",
                                "in",
                                Set.of(Source.NAB_AWS),
                                0.2,
                                3600,
                                Optional.of(Duration.ofMinutes(10)),
                                OptionalLong.of(500),
                                true,
                                List.of("rds_c", "ec2_a"),
                                "demo.x",
                                Optional.of("web1_example"),
                                Optional.of("ens3"),
                                Duration.ofSeconds(2)));
    }

    @Test
    void durationsAreSecondsUnlessTheyHaveAUnit() throws Exception {
        assertThat(parse("--duration", "90").duration()).contains(Duration.ofSeconds(90));
        assertThat(parse("--duration", "2h").duration()).contains(Duration.ofHours(2));
    }

    @Test
    void rejectsAnUnknownFlag() {
        assertThatThrownBy(() -> parse("--speedup", "3"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--speedup' (see --help)");
    }

    @Test
    void rejectsAFlagWithoutItsValue() {
        assertThatThrownBy(() -> parse("--topic")).hasMessage("--topic needs a value");
    }

    @Test
    void rejectsAFlagGivenTwice() {
        assertThatThrownBy(() -> parse("--rate", "1", "--rate=2"))
                .hasMessage("--rate is given twice");
    }

    @Test
    void rejectsAnUnknownSource() {
        assertThatThrownBy(() -> parse("--sources", "host,nab"))
                .hasMessageContaining("unknown source 'nab'");
    }

    @Test
    void rejectsASpeedUpBelowOne() {
        assertThatThrownBy(() -> parse("--speed-up", "0.5")).hasMessageContaining("at least 1");
    }

    @Test
    void rejectsRatesThatAreNotPositiveNumbers() {
        assertThatThrownBy(() -> parse("--rate", "0")).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> parse("--rate", "fast")).hasMessageContaining("a number");
        assertThatThrownBy(() -> parse("--rate", "NaN")).hasMessageContaining("a number");
    }

    @Test
    void rejectsBadCountsAndDurations() {
        assertThatThrownBy(() -> parse("--count", "0")).hasMessageContaining("--count");
        assertThatThrownBy(() -> parse("--duration", "5d")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> parse("--duration", "0")).hasMessageContaining("--duration");
    }

    @Test
    void rejectsAnUnknownFileAndListsTheKnownOnes() {
        assertThatThrownBy(() -> parse("--files", "ec2_z"))
                .hasMessageContaining("no NAB file 'ec2_z'")
                .hasMessageContaining("ec2_a, ec2_b, rds_c");
    }

    @Test
    void rejectsAPrefixThatIsNoMetricPath() {
        assertThatThrownBy(() -> parse("--prefix", "a..b")).hasMessageContaining("--prefix");
    }

    @Test
    void helpAndListFilesWinOverEverythingElse() {
        assertThat(GeneratorOptions.action(new String[] {"--bogus", "--help"}))
                .isEqualTo(Action.HELP);
        assertThat(GeneratorOptions.action(new String[] {"--list-files"}))
                .isEqualTo(Action.LIST_FILES);
        assertThat(GeneratorOptions.action(new String[] {"--stdout"})).isEqualTo(Action.GENERATE);
    }
}
