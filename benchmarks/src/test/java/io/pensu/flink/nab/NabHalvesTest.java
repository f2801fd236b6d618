package io.pensu.flink.nab;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NabHalvesTest {

    private static final NabCorpus CORPUS = NabCorpus.read(Path.of("nab"));

    @Test
    void alternatesTheFilesOfEachCategoryInNameOrder() {
        NabCorpus a = NabHalves.half(CORPUS, true);
        NabCorpus b = NabHalves.half(CORPUS, false);

        assertThat(a.files())
                .containsKeys(
                        "realKnownCause/ambient_temperature_system_failure.csv",
                        "realKnownCause/ec2_request_latency_system_failure.csv")
                .doesNotContainKey("realKnownCause/cpu_utilization_asg_misconfiguration.csv");
        assertThat(b.files())
                .containsKey("realKnownCause/cpu_utilization_asg_misconfiguration.csv");
        assertThat(a.files().size() + b.files().size()).isEqualTo(CORPUS.files().size());
        assertThat(a.windowCount() + b.windowCount()).isEqualTo(CORPUS.windowCount());
        assertThat(a.files().keySet()).doesNotContainAnyElementsOf(b.files().keySet());
    }

    @Test
    void givesEachHalfTheWindowsOfItsFiles() {
        NabCorpus a = NabHalves.half(CORPUS, true);

        a.files()
                .keySet()
                .forEach(
                        name ->
                                assertThat(a.windows().get(name))
                                        .isEqualTo(CORPUS.windows().get(name)));
        assertThat(a.windowCount()).isEqualTo(57);
    }
}
