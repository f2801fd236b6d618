package io.pensu.flink.model;

import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelParameterRulesTest {

    private static final NetworkParameters DEFAULTS = NetworkParameters.defaults();

    @Test
    void noRulesGiveDefaultsSharedByBothRoles() {
        ModelParameters p = ModelParameterRules.none().resolve("servers.a.cpu");

        assertThat(p).isEqualTo(ModelParameters.defaults());
        assertThat(p.anomaly()).isEqualTo(DEFAULTS);
        assertThat(p.shared()).isTrue();
    }

    @Test
    void emptyArrayGivesDefaults() {
        assertThat(ModelParameterRules.parse("[]").resolve("a.b"))
                .isEqualTo(ModelParameters.defaults());
    }

    @Test
    void metricNotMatchingAnyRuleGetsDefaults() {
        ModelParameterRules rules =
                ModelParameterRules.parse(
                        "[{\"metrics\": \"servers\\\\.\", \"both\": {\"seed\": 7}}]");

        assertThat(rules.resolve("routers.a.cpu")).isEqualTo(ModelParameters.defaults());
    }

    @Test
    void patternIsAnchoredAtTheStartOfTheNameOnly() {
        ModelParameterRules rules =
                ModelParameterRules.parse("[{\"metrics\": \"a\\\\.b\", \"both\": {\"seed\": 7}}]");

        assertThat(rules.resolve("a.b.c.d").anomaly().seed()).isEqualTo(7L);
        assertThat(rules.resolve("x.a.b").anomaly().seed()).isEqualTo(DEFAULTS.seed());
    }

    @Test
    void bothSectionAppliesToBothRolesAndStaysShared() {
        ModelParameters p =
                ModelParameterRules.parse(
                                "[{\"metrics\": \".*\", \"both\": {\"encoder.buckets\": 200,"
                                        + " \"sp.potentialPct\": 0.5}}]")
                        .resolve("a.b");

        assertThat(p.anomaly().encoderBuckets()).isEqualTo(200);
        assertThat(p.anomaly().potentialPct()).isEqualTo(0.5);
        assertThat(p.prediction()).isEqualTo(p.anomaly());
        assertThat(p.shared()).isTrue();
    }

    @Test
    void roleSectionOverridesBothSection() {
        ModelParameters p =
                ModelParameterRules.parse(
                                "[{\"metrics\": \"\", \"both\": {\"seed\": 1, \"tm.minThreshold\": 9},"
                                        + " \"anomaly\": {\"seed\": 2},"
                                        + " \"prediction\": {\"tm.minThreshold\": 11}}]")
                        .resolve("a.b");

        assertThat(p.anomaly().seed()).isEqualTo(2L);
        assertThat(p.anomaly().minThreshold()).isEqualTo(9);
        assertThat(p.prediction().seed()).isEqualTo(1L);
        assertThat(p.prediction().minThreshold()).isEqualTo(11);
        assertThat(p.shared()).isFalse();
    }

    @Test
    void firstMatchingRuleWins() {
        ModelParameterRules rules =
                ModelParameterRules.parse(
                        "[{\"metrics\": \"a\\\\.memory\", \"both\": {\"seed\": 1}},"
                                + " {\"metrics\": \"a\\\\.\", \"both\": {\"seed\": 2}}]");

        assertThat(rules.resolve("a.memory.used").anomaly().seed()).isEqualTo(1L);
        assertThat(rules.resolve("a.cpu").anomaly().seed()).isEqualTo(2L);
    }

    @Test
    void ruleWithoutSectionsGivesDefaultsAndShadowsLaterRules() {
        ModelParameterRules rules =
                ModelParameterRules.parse(
                        "[{\"metrics\": \"a\\\\.\"}, {\"metrics\": \".*\", \"both\": {\"seed\": 2}}]");

        assertThat(rules.resolve("a.cpu")).isEqualTo(ModelParameters.defaults());
        assertThat(rules.resolve("b.cpu").anomaly().seed()).isEqualTo(2L);
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsFunctions() throws Exception {
        ModelParameterRules rules =
                ModelParameterRules.parse(
                        "[{\"metrics\": \"a\\\\.\", \"anomaly\": {\"seed\": 3}}]");

        ModelParameterRules copy =
                InstantiationUtil.clone(rules, ModelParameterRulesTest.class.getClassLoader());

        assertThat(copy.resolve("a.b")).isEqualTo(rules.resolve("a.b"));
        assertThat(copy.resolve("a.b").anomaly().seed()).isEqualTo(3L);
        assertThat(copy.resolve("b.a")).isEqualTo(ModelParameters.defaults());
    }

    @Test
    void rejectsInvalidJson() {
        assertThatThrownBy(() -> ModelParameterRules.parse("[{\"metrics\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsTrailingContent() {
        assertThatThrownBy(() -> ModelParameterRules.parse("[] []"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsTopLevelObject() {
        assertThatThrownBy(() -> ModelParameterRules.parse("{\"metrics\": \".*\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON array");
    }

    @Test
    void rejectsRuleThatIsNotAnObject() {
        assertThatThrownBy(() -> ModelParameterRules.parse("[{\"metrics\": \".*\"}, 3]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 1 must be a JSON object");
    }

    @Test
    void rejectsRuleWithoutMetrics() {
        assertThatThrownBy(() -> ModelParameterRules.parse("[{\"both\": {\"seed\": 1}}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 0 needs \"metrics\"");
    }

    @Test
    void rejectsInvalidRegex() {
        assertThatThrownBy(() -> ModelParameterRules.parse("[{\"metrics\": \"a(\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 0")
                .hasMessageContaining("not a valid regular expression");
    }

    @Test
    void rejectsUnknownRuleField() {
        assertThatThrownBy(
                        () ->
                                ModelParameterRules.parse(
                                        "[{\"metrics\": \".*\", \"anomaly\": {},"
                                                + " \"predictions\": {}}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 0 has unknown field 'predictions'");
    }

    @Test
    void rejectsUnknownParameterKeyNamingRuleAndKey() {
        assertThatThrownBy(
                        () ->
                                ModelParameterRules.parse(
                                        "[{\"metrics\": \"a\"},"
                                                + " {\"metrics\": \"b\", \"prediction\":"
                                                + " {\"tm.cellsPerColum\": 16}}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 1, prediction, key 'tm.cellsPerColum': unknown");
    }

    @Test
    void rejectsNonNumericValue() {
        assertThatThrownBy(
                        () ->
                                ModelParameterRules.parse(
                                        "[{\"metrics\": \"a\", \"both\": {\"seed\": \"7\"}}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 0, both, key 'seed': must be a number");
    }

    @Test
    void rejectsFractionForIntegerParameter() {
        assertThatThrownBy(
                        () ->
                                ModelParameterRules.parse(
                                        "[{\"metrics\": \"a\", \"anomaly\":"
                                                + " {\"sp.columnCount\": 2048.5}}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 0, anomaly, key 'sp.columnCount'")
                .hasMessageContaining("2048.5");
    }

    @Test
    void rejectsValueThatFailsValidationNamingRuleRoleAndKey() {
        assertThatThrownBy(
                        () ->
                                ModelParameterRules.parse(
                                        "[{\"metrics\": \"a\", \"prediction\":"
                                                + " {\"encoder.w\": 20}}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 0, prediction parameters")
                .hasMessageContaining("'encoder.w' must be odd");
    }

    @Test
    void validatesTheCombinationOfBothAndRoleSections() {
        assertThatThrownBy(
                        () ->
                                ModelParameterRules.parse(
                                        "[{\"metrics\": \"a\", \"both\": {\"sp.columnCount\": 30},"
                                                + " \"anomaly\":"
                                                + " {\"sp.numActiveColumnsPerInhArea\": 10}}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 0, prediction parameters")
                .hasMessageContaining("sp.numActiveColumnsPerInhArea");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThatThrownBy(
                        () ->
                                ModelParameterRules.parse(
                                        "[{\"metrics\": \"a\", \"both\": {\"seed\": 1, \"seed\":"
                                                + " 2}}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed");
    }
}
