package io.pensu.flink.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class CarbonParserTest {

    private static final String METRIC = "webservers.main-website.perf.cpu.usage";
    private static final String TOPIC = "metrics";
    private static final int PARTITION = 3;
    private static final long OFFSET = 42L;

    private final CarbonParser parser = new CarbonParser(100);

    @Test
    void acceptsOneLineWithItsSource() {
        String line = METRIC + " 0.025 1587617182";

        ParsedRecord parsed = parse(line);

        assertThat(parsed.deadLetters()).isEmpty();
        assertThat(parsed.samples())
                .containsExactly(
                        new Sample(
                                METRIC, 1_587_617_182_000L, 0.025, line, TOPIC, PARTITION, OFFSET));
    }

    @Test
    void acceptsATrailingNewline() {
        ParsedRecord parsed = parse("a.b 1 10\n");

        assertThat(parsed.deadLetters()).isEmpty();
        assertThat(parsed.samples()).extracting(Sample::line).containsExactly("a.b 1 10");
    }

    @Test
    void acceptsCrLfLineBreaks() {
        ParsedRecord parsed = parse("a.b 1 10\r\na.c 2 20\r\n");

        assertThat(parsed.deadLetters()).isEmpty();
        assertThat(parsed.samples())
                .extracting(Sample::line)
                .containsExactly("a.b 1 10", "a.c 2 20");
        assertThat(parsed.samples())
                .extracting(Sample::timestampMillis)
                .containsExactly(10_000L, 20_000L);
    }

    @Test
    void acceptsTabsAndRunsOfSpacesBetweenAndAroundTokens() {
        ParsedRecord parsed = parse("  a.b \t 1.5\t\t10  \t");

        assertThat(parsed.deadLetters()).isEmpty();
        assertThat(parsed.samples())
                .singleElement()
                .satisfies(
                        sample -> {
                            assertThat(sample.metric()).isEqualTo("a.b");
                            assertThat(sample.value()).isEqualTo(1.5);
                            assertThat(sample.timestampMillis()).isEqualTo(10_000L);
                        });
    }

    @Test
    void keepsTheOrderOfABatchAndRejectsOnlyItsBadLines() {
        ParsedRecord parsed = parse("a.one 1 10\nbad\na.two 2 20\na.three x 30\na.four 4 40\n");

        assertThat(parsed.samples())
                .extracting(Sample::metric)
                .containsExactly("a.one", "a.two", "a.four");
        assertThat(parsed.deadLetters())
                .extracting(DeadLetter::reason, DeadLetter::raw)
                .containsExactly(
                        tuple(RejectReason.WRONG_TOKEN_COUNT, "bad"),
                        tuple(RejectReason.UNPARSABLE_VALUE, "a.three x 30"));
    }

    @ParameterizedTest
    @CsvSource({
        "1587617182, 1587617182000",
        "1587617182.5, 1587617182500",
        "1587617182.0005, 1587617182001",
        "1587617182.0004999, 1587617182000",
        "1587617182.123456, 1587617182123",
        "+1587617182, 1587617182000",
        "0, 0",
        "253402300799, 253402300799000"
    })
    void readsTimestampsAsEpochSecondsRoundedHalfUpToTheMillisecond(
            String timestamp, long expectedMillis) {
        assertThat(singleSample("a.b 1 " + timestamp).timestampMillis()).isEqualTo(expectedMillis);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-1, -1",
        "+3, 3",
        "0.025, 0.025",
        "59, 59",
        ".5, 0.5",
        "5., 5",
        "1.5e3, 1500",
        "2E-2, 0.02",
        "-1.25e+2, -125",
        "1e308, 1e308"
    })
    void readsValuesLikePythonFloat(String value, double expected) {
        assertThat(singleSample("a.b " + value + " 10").value()).isEqualTo(expected);
    }

    @Test
    void acceptsNonAsciiMetricNames() {
        assertThat(singleSample("maison.température 20.5 10").metric())
                .isEqualTo("maison.température");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "\r\n", " \t\n  \n"})
    void rejectsARecordWithoutContentAsOneEmptyDeadLetter(String payload) {
        ParsedRecord parsed = parse(payload);

        assertThat(parsed.samples()).isEmpty();
        assertThat(parsed.deadLetters())
                .singleElement()
                .satisfies(
                        deadLetter -> {
                            assertThat(deadLetter.reason()).isEqualTo(RejectReason.EMPTY);
                            assertThat(deadLetter.message())
                                    .isEqualTo("record is empty or only whitespace");
                            assertThat(deadLetter.raw()).isEqualTo(payload);
                        });
    }

    @Test
    void rejectsARecordWithoutValueAsEmpty() {
        ParsedRecord parsed = parser.parse(new RawRecord(null, TOPIC, PARTITION, OFFSET));

        assertThat(parsed.samples()).isEmpty();
        assertThat(parsed.deadLetters())
                .extracting(DeadLetter::reason)
                .containsExactly(RejectReason.EMPTY);
    }

    @Test
    void rejectsBlankLinesInsideABatch() {
        ParsedRecord parsed = parse("a.b 1 10\n\n \t\na.b 2 20\n");

        assertThat(parsed.samples()).hasSize(2);
        assertThat(parsed.deadLetters())
                .extracting(DeadLetter::reason, DeadLetter::raw, DeadLetter::message)
                .containsExactly(
                        tuple(RejectReason.EMPTY, "", "line is empty or only whitespace"),
                        tuple(RejectReason.EMPTY, " \t", "line is empty or only whitespace"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"a.b 1|2", "a.b|1", "a.b 1 10 extra|4", "a.b 1 10 tag=x|4"})
    void rejectsLinesWithoutExactlyThreeTokens(String line, int found) {
        DeadLetter deadLetter = singleDeadLetter(line);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.WRONG_TOKEN_COUNT);
        assertThat(deadLetter.message())
                .isEqualTo(
                        "expected 3 tokens 'name value timestamp' separated by spaces or tabs,"
                                + " found "
                                + found);
        assertThat(deadLetter.raw()).isEqualTo(line);
        assertThat(deadLetter.metric()).isNull();
    }

    @Test
    void rejectsANameWithoutDot() {
        DeadLetter deadLetter = singleDeadLetter("cpu 1 10");

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.NAME_WITHOUT_DOT);
        assertThat(deadLetter.message()).isEqualTo("metric name 'cpu' has no dot");
        assertThat(deadLetter.metric()).isEqualTo("cpu");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "1d",
                "1f",
                "1D",
                "0x1p3",
                "0x10",
                "1_000",
                "1e",
                "e5",
                ".",
                "--1",
                "1.2.3",
                "1,5",
                "١",
                "nanx",
                "infinit",
                "Infinityy"
            })
    void rejectsValuesPythonFloatRefuses(String value) {
        DeadLetter deadLetter = singleDeadLetter("a.b " + value + " 10");

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.UNPARSABLE_VALUE);
        assertThat(deadLetter.message()).isEqualTo("value '" + value + "' is not a number");
        assertThat(deadLetter.metric()).isEqualTo("a.b");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nan",
                "NaN",
                "-nan",
                "inf",
                "+inf",
                "-inf",
                "INF",
                "Infinity",
                "-iNfInItY",
                "1e400"
            })
    void rejectsNonFiniteValues(String value) {
        DeadLetter deadLetter = singleDeadLetter("a.b " + value + " 10");

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.NON_FINITE_VALUE);
        assertThat(deadLetter.message()).isEqualTo("value '" + value + "' is not a finite number");
        assertThat(deadLetter.metric()).isEqualTo("a.b");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "1.5e9",
                "1587617182.",
                ".5",
                "0x10",
                "1_587_617_182",
                "1587617182L",
                "2020-04-23T04:46:22Z",
                "nan",
                "inf"
            })
    void rejectsTimestampsThatAreNotEpochSeconds(String timestamp) {
        DeadLetter deadLetter = singleDeadLetter("a.b 1 " + timestamp);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.UNPARSABLE_TIMESTAMP);
        assertThat(deadLetter.message())
                .isEqualTo(
                        "timestamp '"
                                + timestamp
                                + "' is not an integer or decimal number of epoch seconds");
        assertThat(deadLetter.metric()).isEqualTo("a.b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.001", "99999999999999999999"})
    void rejectsTimestampsBeforeEpochOrAfterYear9999(String timestamp) {
        DeadLetter deadLetter = singleDeadLetter("a.b 1 " + timestamp);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_RANGE);
        assertThat(deadLetter.message())
                .isEqualTo(
                        "timestamp '"
                                + timestamp
                                + "' is outside 0..253402300799 epoch seconds (the end of year"
                                + " 9999)");
        assertThat(deadLetter.metric()).isEqualTo("a.b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1587617182000", "253402300799.5", "253402300800", "253402300799000"})
    void saysWhenAnOutOfRangeTimestampLooksLikeMilliseconds(String timestamp) {
        DeadLetter deadLetter = singleDeadLetter("a.b 1 " + timestamp);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_RANGE);
        assertThat(deadLetter.message())
                .isEqualTo(
                        "timestamp '"
                                + timestamp
                                + "' is outside 0..253402300799 epoch seconds (the end of year"
                                + " 9999); it looks like epoch milliseconds, but carbon"
                                + " timestamps are seconds");
    }

    @Test
    void acceptsALineOfExactlyTheMaximumLength() {
        String line = "a.b 1 1587617182";

        assertThat(new CarbonParser(line.length()).parse(record(line)).samples()).hasSize(1);
    }

    @Test
    void rejectsAnOversizedLineKeepingItsBeginning() {
        String line = "a.b 1 1587617182";
        ParsedRecord parsed = new CarbonParser(line.length() - 1).parse(record(line + "\na.c 2 3"));

        assertThat(parsed.samples()).extracting(Sample::metric).containsExactly("a.c");
        assertThat(parsed.deadLetters())
                .singleElement()
                .satisfies(
                        deadLetter -> {
                            assertThat(deadLetter.reason()).isEqualTo(RejectReason.OVERSIZED_LINE);
                            assertThat(deadLetter.message())
                                    .isEqualTo(
                                            "line is 16 bytes long, over the limit of 15; raw"
                                                    + " holds only its beginning");
                            assertThat(deadLetter.raw()).isEqualTo("a.b 1 158761718");
                            assertThat(deadLetter.metric()).isNull();
                        });
    }

    @Test
    void measuresLinesInUtf8BytesAndNeverCutsACharacter() {
        String line = "a.€€€ 1 10"; // 16 bytes in UTF-8, 10 characters

        DeadLetter deadLetter = new CarbonParser(7).parse(record(line)).deadLetters().get(0);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.OVERSIZED_LINE);
        assertThat(deadLetter.message()).startsWith("line is 16 bytes long, over the limit of 7");
        assertThat(deadLetter.raw()).isEqualTo("a.€");
    }

    @ParameterizedTest
    @CsvSource({"5, a.", "6, a.\uD83D\uDE00"})
    void neverCutsACharacterOutsideTheBasicPlane(int maxLineBytes, String expectedRaw) {
        String line = "a.\uD83D\uDE00 1 10"; // the emoji takes 4 bytes

        DeadLetter deadLetter =
                new CarbonParser(maxLineBytes).parse(record(line)).deadLetters().get(0);

        assertThat(deadLetter.raw()).isEqualTo(expectedRaw);
    }

    @Test
    void rejectsAWholeRecordThatIsNotUtf8() {
        byte[] payload = bytes("a.b 1 10\na.c \u0000 20\n");
        payload[13] = (byte) 0xff;

        ParsedRecord parsed = parser.parse(new RawRecord(payload, TOPIC, PARTITION, OFFSET));

        assertThat(parsed.samples()).isEmpty();
        assertThat(parsed.deadLetters())
                .singleElement()
                .satisfies(
                        deadLetter -> {
                            assertThat(deadLetter.reason()).isEqualTo(RejectReason.INVALID_UTF8);
                            assertThat(deadLetter.message())
                                    .isEqualTo(
                                            "record is not valid UTF-8 (first bad byte at offset"
                                                    + " 13); raw shows it decoded with U+FFFD in"
                                                    + " place of the bad bytes");
                            assertThat(deadLetter.raw()).isEqualTo("a.b 1 10\na.c \uFFFD 20\n");
                            assertThat(deadLetter.metric()).isNull();
                        });
    }

    @Test
    void truncatesTheRawTextOfAnInvalidRecord() {
        byte[] payload = bytes("\u0000a.b 1 10");
        payload[0] = (byte) 0xc3; // a lead byte whose continuation never comes

        DeadLetter deadLetter =
                new CarbonParser(4)
                        .parse(new RawRecord(payload, TOPIC, PARTITION, OFFSET))
                        .deadLetters()
                        .get(0);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.INVALID_UTF8);
        assertThat(deadLetter.raw()).isEqualTo("\uFFFDa");
    }

    @Test
    void deadLettersPointBackAtTheirRecord() {
        DeadLetter deadLetter = singleDeadLetter("cpu 1 10");

        assertThat(deadLetter.topic()).isEqualTo(TOPIC);
        assertThat(deadLetter.partition()).isEqualTo(PARTITION);
        assertThat(deadLetter.offset()).isEqualTo(OFFSET);
    }

    @Test
    void refusesANonPositiveLineLimit() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CarbonParser(0))
                .withMessage("the maximum line length must be at least 1 byte, got 0");
    }

    private ParsedRecord parse(String payload) {
        return parser.parse(record(payload));
    }

    private Sample singleSample(String line) {
        ParsedRecord parsed = parse(line);
        assertThat(parsed.deadLetters()).isEmpty();
        return parsed.samples().get(0);
    }

    private DeadLetter singleDeadLetter(String line) {
        ParsedRecord parsed = parse(line);
        assertThat(parsed.samples()).isEmpty();
        List<DeadLetter> deadLetters = parsed.deadLetters();
        assertThat(deadLetters).hasSize(1);
        return deadLetters.get(0);
    }

    private static RawRecord record(String payload) {
        return new RawRecord(bytes(payload), TOPIC, PARTITION, OFFSET);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
