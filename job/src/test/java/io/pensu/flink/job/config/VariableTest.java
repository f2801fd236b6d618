package io.pensu.flink.job.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VariableTest {

    @Test
    void readmeMentionsEveryVariable() throws Exception {
        Path readme = repositoryRoot().resolve("README.md");
        assumeTrue(Files.exists(readme), "README.md is not written yet");

        String text = Files.readString(readme);

        assertThat(Arrays.stream(Variable.values()).map(Variable::name))
                .as("variables missing from README.md")
                .allMatch(text::contains);
    }

    @Test
    void markdownTableHasARowPerVariable() {
        String table = Variable.markdownTable();

        assertThat(table.lines()).hasSize(Variable.values().length + 2);
        assertThat(table)
                .contains("| `PENSU_PREDICTION_STEPS` | `5` | How many samples ahead")
                .contains("| `PENSU_CHECKPOINT_INTERVAL` | (unset) | Seconds between")
                .contains("| `PENSU_LOGGING_FORMAT` | (unset) | Obsolete, ignored: The log")
                .contains("to the Flink configuration. (not in Pensu) |");
    }

    @Test
    void everyVariableHasADescription() {
        for (Variable v : Variable.values()) {
            assertThat(v.description()).as(v.name()).isNotBlank().endsWith(".");
        }
    }

    /** Maven runs the tests in the module directory; the README is one level up. */
    private static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return module.getParent();
    }
}
