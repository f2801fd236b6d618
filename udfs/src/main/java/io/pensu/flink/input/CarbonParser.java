package io.pensu.flink.input;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one Kafka record of Graphite carbon plaintext (one or more lines) into samples, and
 * everything it cannot accept into dead letters. The record is split into lines on its bytes and
 * each line decoded on its own, so that a bad byte costs its line only; a record over the size
 * limit is refused before anything is decoded. Every dead letter's raw text fits in {@code
 * maxLineBytes} UTF-8 bytes, so that a bad record cannot make an oversized dead-letter record.
 */
public final class CarbonParser implements Serializable {

    private static final byte[] NO_BYTES = new byte[0];

    private final InputLimits limits;

    public CarbonParser(InputLimits limits) {
        this.limits = limits;
    }

    public ParsedRecord parse(RawRecord record) {
        // A Kafka record without a value (a tombstone) carries no lines, like an empty one.
        byte[] payload = record.payload() == null ? NO_BYTES : record.payload();
        if (payload.length > limits.maxRecordBytes()) {
            return wholeRecordRejected(
                    record,
                    RejectReason.OVERSIZED_RECORD,
                    "record is "
                            + payload.length
                            + " bytes long, over the limit of "
                            + limits.maxRecordBytes()
                            + "; raw holds only its beginning",
                    beginning(payload, 0, payload.length));
        }
        if (isBlank(payload)) {
            return wholeRecordRejected(
                    record,
                    RejectReason.EMPTY,
                    "record is empty or only whitespace",
                    beginning(payload, 0, payload.length));
        }
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Sample> samples = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        // A final line break ends no extra line.
        for (int start = 0; start < payload.length; ) {
            int lineBreak = indexOfLineFeed(payload, start);
            int end =
                    lineBreak > start && payload[lineBreak - 1] == '\r' ? lineBreak - 1 : lineBreak;
            parseLine(payload, start, end, decoder, record, samples, deadLetters);
            start = lineBreak + 1;
        }
        return new ParsedRecord(samples, deadLetters);
    }

    /** Adds the line of bytes {@code start..end} as a sample or a dead letter. */
    private void parseLine(
            byte[] payload,
            int start,
            int end,
            CharsetDecoder decoder,
            RawRecord source,
            List<Sample> samples,
            List<DeadLetter> deadLetters) {
        int bytes = end - start;
        if (bytes > limits.maxLineBytes()) {
            deadLetters.add(
                    deadLetter(
                            source,
                            RejectReason.OVERSIZED_LINE,
                            "line is "
                                    + bytes
                                    + " bytes long, over the limit of "
                                    + limits.maxLineBytes()
                                    + "; raw holds only its beginning",
                            beginning(payload, start, end),
                            null));
            return;
        }
        ByteBuffer undecoded = ByteBuffer.wrap(payload, start, bytes);
        String line;
        try {
            line = decoder.reset().decode(undecoded).toString();
        } catch (CharacterCodingException e) {
            deadLetters.add(
                    deadLetter(
                            source,
                            RejectReason.INVALID_UTF8,
                            "line is not valid UTF-8 (first bad byte at offset "
                                    + (undecoded.position() - start)
                                    + " of the line); raw shows it decoded with U+FFFD in place"
                                    + " of the bad bytes",
                            new String(payload, start, bytes, StandardCharsets.UTF_8),
                            null));
            return;
        }
        try {
            samples.add(CarbonLine.parse(line, source, limits.maxTimestampAheadMillis()));
        } catch (Rejection rejection) {
            deadLetters.add(
                    deadLetter(
                            source,
                            rejection.reason(),
                            rejection.getMessage(),
                            line,
                            rejection.metric()));
        }
    }

    /**
     * The bytes from {@code start}, decoded leniently and cut to the line limit without splitting a
     * character: never more is decoded than the dead letter can hold.
     */
    private String beginning(byte[] payload, int start, int end) {
        int cut = Math.min(end, start + limits.maxLineBytes());
        while (cut > start && cut < end && isContinuationByte(payload[cut])) {
            cut--;
        }
        return new String(payload, start, cut - start, StandardCharsets.UTF_8);
    }

    private static boolean isContinuationByte(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static int indexOfLineFeed(byte[] payload, int from) {
        for (int i = from; i < payload.length; i++) {
            if (payload[i] == '\n') {
                return i;
            }
        }
        return payload.length;
    }

    /** Only ASCII whitespace, as {@link Character#isWhitespace} sees it, or nothing at all. */
    private static boolean isBlank(byte[] payload) {
        for (byte b : payload) {
            if (b < 0 || !Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
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
                Utf8.truncate(raw, limits.maxLineBytes()),
                metric,
                source.topic(),
                source.partition(),
                source.offset());
    }
}
