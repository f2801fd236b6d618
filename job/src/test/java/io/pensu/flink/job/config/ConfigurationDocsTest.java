package io.pensu.flink.job.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/CONFIGURATION.md carries the table of {@link Settings} between two markers; the text around
 * it is written by hand. The table here is the one the docs must show.
 */
class ConfigurationDocsTest {

    static final String BEGIN =
            "<!-- BEGIN generated from io.pensu.flink.job.config.Settings by ConfigurationDocsTest;"
                    + " do not edit -->\n";
    static final String END = "<!-- END generated -->\n";

    private static final String REGENERATE = "pensu.regenerate.docs";

    private static final Path DOCS =
            Path.of(System.getProperty("pensu.repository.dir", ".."), "docs", "CONFIGURATION.md");

    @Test
    void configurationDocsShowTheSettingsTable() throws Exception {
        String docs = Files.readString(DOCS);
        int begin = docs.indexOf(BEGIN);
        int end = docs.indexOf(END);
        assertThat(begin).as("the BEGIN marker in " + DOCS).isNotNegative();
        assertThat(end).as("the END marker in " + DOCS).isGreaterThan(begin);

        String current =
                docs.substring(0, begin + BEGIN.length()) + markdownTable() + docs.substring(end);
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(DOCS, current);
        }

        assertThat(docs)
                .as(
                        DOCS.normalize()
                                + " differs from the settings table; regenerate it with: mvn -B"
                                + " -ntp -q -pl job -am test -Dtest=ConfigurationDocsTest"
                                + " -Dsurefire.failIfNoSpecifiedTests=false -D"
                                + REGENERATE
                                + "=true")
                .isEqualTo(current);
    }

    @Test
    void tableHasARowPerSetting() {
        String table = markdownTable();

        assertThat(table.lines()).hasSize(Settings.all().size() + 2);
        assertThat(table)
                .contains(
                        "| `PENSU_PREDICTION_STEPS` | `5` | an integer between 1 and 100,"
                                + " samples | How many samples ahead")
                .contains(
                        "| `PENSU_CHECKPOINT_INTERVAL` | (unset) | an integer >= 1, seconds |"
                                + " Time between")
                .contains("| `PENSU_LOGGING_FORMAT` | (unset) | ignored | Obsolete: The log")
                .contains("to the Flink configuration. (not in Pensu) |");
    }

    /** The settings as a Markdown table: name, default, valid values and unit, description. */
    static String markdownTable() {
        StringBuilder table =
                new StringBuilder(
                        "| Variable | Default | Values | Description |\n|---|---|---|---|\n");
        for (Setting<?> setting : Settings.all()) {
            boolean obsolete = setting.origin() == Setting.Origin.OBSOLETE;
            String byDefault =
                    setting.defaultValue() == null ? "(unset)" : "`" + setting.defaultValue() + "`";
            String values =
                    obsolete
                            ? "ignored"
                            : setting.expected()
                                    + (setting.unit() == null ? "" : ", " + setting.unit());
            table.append("| `")
                    .append(setting.name())
                    .append("` | ")
                    .append(byDefault)
                    .append(" | ")
                    .append(values)
                    .append(" | ")
                    .append(obsolete ? "Obsolete: " : "")
                    .append(setting.description())
                    .append(setting.origin() == Setting.Origin.OURS ? " (not in Pensu)" : "")
                    .append(" |\n");
        }
        return table.toString();
    }
}
