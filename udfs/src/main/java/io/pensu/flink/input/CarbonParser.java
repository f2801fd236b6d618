package io.pensu.flink.input;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns one Kafka record of Graphite carbon plaintext (one or more lines) into samples, and
 * everything it cannot accept into dead letters. Every dead letter's raw text fits in {@code
 * maxLineBytes} UTF-8 bytes, so that a bad record cannot make an oversized dead-letter record.
 */
public final class CarbonParser implements Serializable {

    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");

    private final int maxLineBytes;

    public CarbonParser(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException(
                    "the maximum line length must be at least 1 byte, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    public ParsedRecord parse(RawRecord record) {
        // A Kafka record without a value (a tombstone) carries no lines, like an empty one.
        byte[] payload = record.payload() == null ? new byte[0] : record.payload();
        ByteBuffer undecoded = ByteBuffer.wrap(payload);
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(undecoded)
                            .toString();
        } catch (CharacterCodingException e) {
            return wholeRecordRejected(
                    record,
                    RejectReason.INVALID_UTF8,
                    "record is not valid UTF-8 (first bad byte at offset "
                            + undecoded.position()
                            + "); raw shows it decoded with U+FFFD in place of the bad bytes",
                    new String(payload, StandardCharsets.UTF_8));
        }
        if (text.isBlank()) {
            return wholeRecordRejected(
                    record, RejectReason.EMPTY, "record is empty or only whitespace", text);
        }
        List<Sample> samples = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (String line : lines(text)) {
            try {
                samples.add(parseLine(line, record));
            } catch (Rejection rejection) {
                deadLetters.add(
                        deadLetter(
                                record,
                                rejection.reason(),
                                rejection.getMessage(),
                                line,
                                rejection.metric()));
            }
        }
        return new ParsedRecord(samples, deadLetters);
    }

    private Sample parseLine(String line, RawRecord source) throws Rejection {
        int bytes = Utf8.encodedLength(line);
        if (bytes > maxLineBytes) {
            throw new Rejection(
                    RejectReason.OVERSIZED_LINE,
                    "line is "
                            + bytes
                            + " bytes long, over the limit of "
                            + maxLineBytes
                            + "; raw holds only its beginning",
                    null);
        }
        return CarbonLine.parse(line, source);
    }

    /** The lines of the text, without their line breaks; a final line break ends no extra line. */
    private static List<String> lines(String text) {
        List<String> lines = Arrays.asList(LINE_BREAK.split(text, -1));
        boolean endsWithLineBreak = lines.get(lines.size() - 1).isEmpty();
        return endsWithLineBreak ? lines.subList(0, lines.size() - 1) : lines;
    }

    private ParsedRecord wholeRecordRejected(
            RawRecord record, RejectReason reason, String message, String raw) {
        return new ParsedRecord(List.of(), List.of(deadLetter(record, reason, message, raw, null)));
    }

    private DeadLetter deadLetter(
            RawRecord source, RejectReason reason, String message, String raw, String metric) {
        return new DeadLetter(
                reason,
                message,
                Utf8.truncate(raw, maxLineBytes),
                metric,
                source.topic(),
                source.partition(),
                source.offset());
    }
}
