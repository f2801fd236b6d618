package io.pensu.flink.input;

import io.pensu.flink.testing.FastestRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
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

    private final CarbonParser parser = parser(100);

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
        "000000000042, 42000",
        "0001587617182, 1587617182000",
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
        ParsedRecord parsed =
                parser.parse(new RawRecord(null, TOPIC, PARTITION, OFFSET, RawRecord.NO_TIMESTAMP));

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

        assertThat(parser(line.length()).parse(record(line)).samples()).hasSize(1);
    }

    @Test
    void rejectsAnOversizedLineKeepingItsBeginning() {
        String line = "a.b 1 1587617182";
        ParsedRecord parsed = parser(line.length() - 1).parse(record(line + "\na.c 2 3"));

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

        DeadLetter deadLetter = parser(7).parse(record(line)).deadLetters().get(0);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.OVERSIZED_LINE);
        assertThat(deadLetter.message()).startsWith("line is 16 bytes long, over the limit of 7");
        assertThat(deadLetter.raw()).isEqualTo("a.€");
    }

    @ParameterizedTest
    @CsvSource({"5, a.", "6, a.\uD83D\uDE00"})
    void neverCutsACharacterOutsideTheBasicPlane(int maxLineBytes, String expectedRaw) {
        String line = "a.\uD83D\uDE00 1 10"; // the emoji takes 4 bytes

        DeadLetter deadLetter = parser(maxLineBytes).parse(record(line)).deadLetters().get(0);

        assertThat(deadLetter.raw()).isEqualTo(expectedRaw);
    }

    @Test
    void rejectsOnlyTheLineThatIsNotUtf8() {
        byte[] payload = bytes("a.b 1 10\na.c \u0000 20\na.d 3 30\n");
        payload[13] = (byte) 0xff;

        ParsedRecord parsed = parser.parse(record(payload));

        assertThat(parsed.samples()).extracting(Sample::metric).containsExactly("a.b", "a.d");
        assertThat(parsed.deadLetters())
                .singleElement()
                .satisfies(
                        deadLetter -> {
                            assertThat(deadLetter.reason()).isEqualTo(RejectReason.INVALID_UTF8);
                            assertThat(deadLetter.message())
                                    .isEqualTo(
                                            "line is not valid UTF-8 (first bad byte at offset 4"
                                                    + " of the line); raw shows it decoded with"
                                                    + " U+FFFD in place of the bad bytes");
                            assertThat(deadLetter.raw()).isEqualTo("a.c \uFFFD 20");
                            assertThat(deadLetter.metric()).isNull();
                        });
    }

    @Test
    void truncatesTheRawTextOfAnInvalidLineToTheLimit() {
        byte[] payload = bytes("\u0000a.b 1 10");
        payload[0] = (byte) 0xc3; // a lead byte whose continuation never comes

        DeadLetter deadLetter = parser(9).parse(record(payload)).deadLetters().get(0);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.INVALID_UTF8);
        assertThat(deadLetter.raw()).isEqualTo("\uFFFDa.b 1 ");
    }

    @Test
    void rejectsARecordOverTheSizeLimitAsOneDeadLetterWithItsBeginning() {
        byte[] payload = bytes("a.b 1 10\n".repeat(20) + "a.c 2 20");
        payload[1] = (byte) 0xff; // not even decoded
        CarbonParser parser = new CarbonParser(new InputLimits(10, payload.length - 1, 0));

        ParsedRecord parsed = parser.parse(record(payload));

        assertThat(parsed.samples()).isEmpty();
        assertThat(parsed.deadLetters())
                .singleElement()
                .satisfies(
                        deadLetter -> {
                            assertThat(deadLetter.reason())
                                    .isEqualTo(RejectReason.OVERSIZED_RECORD);
                            assertThat(deadLetter.message())
                                    .isEqualTo(
                                            "record is 188 bytes long, over the limit of 187; raw"
                                                    + " holds only its beginning");
                            assertThat(deadLetter.raw()).isEqualTo("a\uFFFDb 1 10");
                            assertThat(deadLetter.metric()).isNull();
                        });
    }

    @Test
    void acceptsARecordOfExactlyTheSizeLimit() {
        byte[] payload = bytes("a.b 1 10\na.c 2 20");
        CarbonParser parser = new CarbonParser(new InputLimits(10, payload.length, 0));

        assertThat(parser.parse(record(payload)).samples()).hasSize(2);
    }

    @Test
    void checksTheLengthOfALineBeforeDecodingIt() {
        byte[] payload = bytes("a.b 1 1587617182\na.c 2 20");
        payload[2] = (byte) 0xff;

        ParsedRecord parsed = parser(10).parse(record(payload));

        assertThat(parsed.samples()).extracting(Sample::metric).containsExactly("a.c");
        assertThat(parsed.deadLetters())
                .extracting(DeadLetter::reason, DeadLetter::raw)
                .containsExactly(tuple(RejectReason.OVERSIZED_LINE, "a.\uFFFD 1 15"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a.b\u0000c|0000|a control character|4",
                "a.b\u000Bc|000B|a control character|4",
                "a.b\u007Fc|007F|a control character|4",
                "a.b\u0085c|0085|a control character|4",
                "a.b\u00A0c|00A0|a space character|4",
                "a.b\u2007c|2007|a space character|4",
                "a.b\u2028c|2028|a space character|4",
                "a.b\u3000c|3000|a space character|4",
                "\uFEFFa.b|FEFF|an invisible format character|1",
                "a.b\u200Bc|200B|an invisible format character|4",
                "a.b\u00ADc|00AD|an invisible format character|4",
                "a.b;tag=x|003B|Graphite's tag separator|4",
                "a.*|002A|a Graphite query wildcard|3",
                "a.b?|003F|a Graphite query wildcard|4",
                "a.[b]|005B|a Graphite query wildcard|3",
                "a.b]|005D|a Graphite query wildcard|4",
                "a.{b,c}|007B|a Graphite query wildcard|3",
                "a.b}|007D|a Graphite query wildcard|4",
                "a/b.c|002F|a directory separator in carbon's storage path|2",
                "cpu\u0000x|0000|a control character|4"
            })
    void rejectsNamesWithCharactersGraphiteCannotStoreOrQuery(
            String name, String codePoint, String problem, int position) {
        DeadLetter deadLetter = singleDeadLetter(name + " 1 10");

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.NAME_WITH_INVALID_CHARACTER);
        assertThat(deadLetter.message())
                .isEqualTo(
                        "metric name has U+"
                                + codePoint
                                + " ("
                                + problem
                                + ") at character "
                                + position
                                + "; Graphite cannot store or query it");
        assertThat(deadLetter.metric()).isNull();
    }

    @Test
    void countsAndNamesCharactersOutsideTheBasicPlaneByCodePoint() {
        DeadLetter deadLetter = singleDeadLetter("a.\uD83D\uDE00\uDB40\uDC01 1 10");

        assertThat(deadLetter.message())
                .isEqualTo(
                        "metric name has U+E0001 (an invisible format character) at character 4;"
                                + " Graphite cannot store or query it");
    }

    @ParameterizedTest
    @ValueSource(strings = {".a.b", "a.b.", "a..b", "."})
    void rejectsNamesWithAnEmptyComponent(String name) {
        DeadLetter deadLetter = singleDeadLetter(name + " 1 10");

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.NAME_WITH_EMPTY_COMPONENT);
        assertThat(deadLetter.message())
                .isEqualTo(
                        "metric name '"
                                + name
                                + "' has an empty component (a leading, trailing or double dot)");
        assertThat(deadLetter.metric()).isNull();
    }

    @Test
    void acceptsComponentsUpToTheLengthCarbonCanStore() {
        String name = "d".repeat(255) + "." + "é".repeat(125) + "f"; // 255 and 251 bytes

        ParsedRecord parsed = parser(1000).parse(record(name + " 1 10"));

        assertThat(parsed.deadLetters()).isEmpty();
        assertThat(parsed.samples()).extracting(Sample::metric).containsExactly(name);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "256|1|1|256 bytes long, over the 255 that carbon can store as a directory name",
                "1|252|2|252 bytes long, over the 251 that carbon can store as a file name with"
                        + " its .wsp suffix"
            })
    void rejectsComponentsLongerThanCarbonCanStore(
            int firstBytes, int lastBytes, int component, String problem) {
        String name = "d".repeat(firstBytes) + "." + "f".repeat(lastBytes);

        DeadLetter deadLetter = parser(1000).parse(record(name + " 1 10")).deadLetters().get(0);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.NAME_WITH_OVERSIZED_COMPONENT);
        assertThat(deadLetter.message())
                .isEqualTo("metric name component " + component + " is " + problem);
        assertThat(deadLetter.metric()).isNull();
    }

    @Test
    void quotesOnlyTheBeginningOfALongTokenInAMessage() {
        String value = "x".repeat(70);

        DeadLetter deadLetter = singleDeadLetter("a.b " + value + " 10");

        assertThat(deadLetter.message())
                .isEqualTo("value '" + "x".repeat(64) + "…' (70 characters) is not a number");
        assertThat(deadLetter.raw()).isEqualTo("a.b " + value + " 10");
    }

    @ParameterizedTest
    @CsvSource({"1587617782, true", "1587617782.0004, true", "1587617782.0005, false"})
    void acceptsTimestampsUpToTheToleranceAheadOfTheRecords(String timestamp, boolean accepted) {
        ParsedRecord parsed = parseAt("a.b 1 " + timestamp, 1_587_617_182_000L);

        assertThat(parsed.samples()).hasSize(accepted ? 1 : 0);
        assertThat(parsed.deadLetters()).hasSize(accepted ? 0 : 1);
    }

    @Test
    void rejectsATimestampFarAheadOfItsRecordsAsADeadLetter() {
        DeadLetter deadLetter =
                parseAt("web.cpu 1 17000000000", 1_587_617_182_000L).deadLetters().get(0);

        assertThat(deadLetter.reason()).isEqualTo(RejectReason.TIMESTAMP_AHEAD_OF_RECORD);
        assertThat(deadLetter.message())
                .isEqualTo(
                        "timestamp 2508-09-16T06:13:20Z is 15412382818 s after its Kafka record's"
                                + " timestamp 2020-04-23T04:46:22Z, more than the 600 s allowed"
                                + " (PENSU_MAX_TIMESTAMP_AHEAD)");
        assertThat(deadLetter.metric()).isEqualTo("web.cpu");
    }

    @Test
    void acceptsAnyTimestampBeforeItsRecords() {
        assertThat(parseAt("a.b 1 0", 1_587_617_182_000L).samples()).hasSize(1);
    }

    @Test
    void cannotCheckARecordWithoutTimestampSoAcceptsItsSamples() {
        assertThat(parseAt("web.cpu 1 17000000000", RawRecord.NO_TIMESTAMP).samples()).hasSize(1);
    }

    static List<String> hostileLines() {
        int room = InputLimits.LARGEST_MAX_LINE_BYTES - 20;
        return List.of(
                "a.b " + "1".repeat(room) + "x 10",
                "a.b " + "1".repeat(room) + " 10",
                "a.b 1e" + "1".repeat(room) + "x 10",
                "a.b 1 " + "1".repeat(room) + "x",
                "a.b 1 " + "9".repeat(room),
                "a.b 1 0." + "0".repeat(room),
                "a.b 1 1." + "1".repeat(room) + ".",
                "a" + ".b".repeat(room / 2) + " 1 10",
                "a" + ".".repeat(room) + " 1 10",
                "a.b" + ";".repeat(room) + " 1 10",
                " ".repeat(room) + "a.b 1 10",
                "\u0001".repeat(room));
    }

    /**
     * The longest line that can be allowed, built to make a backtracking parser work hard: the
     * fastest runs measured 1 to 3 ms each on a 2-core machine shared with other builds.
     */
    @ParameterizedTest
    @MethodSource("hostileLines")
    void parsesHostileLinesOfTheLargestAllowedLengthInLinearTime(String line) {
        CarbonParser parser =
                new CarbonParser(
                        new InputLimits(
                                InputLimits.LARGEST_MAX_LINE_BYTES,
                                InputLimits.LARGEST_MAX_LINE_BYTES,
                                0));
        RawRecord record = record(line);
        ParsedRecord firstResult = parser.parse(record);

        long millis =
                FastestRun.millis(() -> assertThat(parser.parse(record)).isEqualTo(firstResult));

        assertThat(millis).isLessThan(FastestRun.LINEAR_BOUND_MILLIS);
        assertThat(firstResult.deadLetters())
                .allSatisfy(deadLetter -> assertThat(deadLetter.message()).hasSizeLessThan(300));
    }

    @Test
    void deadLettersPointBackAtTheirRecord() {
        DeadLetter deadLetter = singleDeadLetter("cpu 1 10");

        assertThat(deadLetter.topic()).isEqualTo(TOPIC);
        assertThat(deadLetter.partition()).isEqualTo(PARTITION);
        assertThat(deadLetter.offset()).isEqualTo(OFFSET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, InputLimits.LARGEST_MAX_LINE_BYTES + 1})
    void refusesALineLimitOutsideWhatOutputsCanHold(int maxLineBytes) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parser(maxLineBytes))
                .withMessage(
                        "the maximum line length must be 1 to 65536 bytes, got " + maxLineBytes);
    }

    private ParsedRecord parse(String payload) {
        return parser.parse(record(payload));
    }

    private ParsedRecord parseAt(String line, long recordTimestamp) {
        return parser.parse(new RawRecord(bytes(line), TOPIC, PARTITION, OFFSET, recordTimestamp));
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
        return record(bytes(payload));
    }

    private static RawRecord record(byte[] payload) {
        return new RawRecord(payload, TOPIC, PARTITION, OFFSET, RawRecord.NO_TIMESTAMP);
    }

    private static CarbonParser parser(int maxLineBytes) {
        return new CarbonParser(new InputLimits(maxLineBytes, 100_000, 600_000L));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
