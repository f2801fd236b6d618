package io.pensu.flink.job;

import java.util.ArrayList;
import java.util.List;

import static io.pensu.flink.job.JobTestSupport.utf8;

/**
 * Input no producer should send: every reason the job rejects a line for, and the records that once
 * restart-looped the job or stalled a partition (a quadratic number, a timestamp centuries ahead, a
 * record larger than the job reads, names carbon cannot store). Each item is what a producer would
 * write, with the dead letters the job must turn it into.
 */
final class HostileCorpus {

    /**
     * @param payload a Kafka record value, or a line that travels inside a batch of good lines
     * @param wholeRecord whether {@code payload} is sent as a record of its own
     * @param reasons the dead-letter reason codes it must give, one per rejected line
     */
    record Item(String name, byte[] payload, boolean wholeRecord, List<String> reasons) {}

    private final List<Item> items = new ArrayList<>();

    private HostileCorpus() {}

    /**
     * The corpus for a job whose records may hold at most {@code maxRecordBytes}, with {@code
     * metric} a metric it models and {@code seconds} a timestamp among its samples.
     */
    static List<Item> items(String metric, long seconds, int maxRecordBytes) {
        HostileCorpus corpus = new HostileCorpus();
        corpus.record("empty record", new byte[0], "empty");
        corpus.record("tombstone", null, "empty");
        corpus.record("only whitespace", utf8(" \t \r\n"), "empty");
        corpus.record(
                "record over the size limit",
                utf8((metric + " 1 " + seconds + "\n").repeat(maxRecordBytes / 20)),
                "oversized_record");
        corpus.record(
                "binary garbage",
                new byte[] {0, (byte) 0xff, (byte) 0xfe, '\n', (byte) 0xc3, '(', ' ', '1'},
                "invalid_utf8",
                "invalid_utf8");

        corpus.line("blank line in a batch", " \t", "empty");
        corpus.line("two tokens", metric + " 1", "wrong_token_count");
        corpus.line(
                "JSON instead of carbon",
                "{\"metric\": \"" + metric + "\", \"value\": 1}",
                "wrong_token_count");
        corpus.line("name without a dot", "cpu 1 " + seconds, "name_without_dot");
        corpus.line("word as value", metric + " x " + seconds, "unparsable_value");
        corpus.line(
                "4 KB numeric-looking value",
                metric + " " + "1".repeat(4000) + "x " + seconds,
                "unparsable_value");
        corpus.line("NaN", metric + " nan " + seconds, "non_finite_value");
        corpus.line("overflowing value", metric + " 1e999 " + seconds, "non_finite_value");
        corpus.line("word as timestamp", metric + " 1 yesterday", "unparsable_timestamp");
        corpus.line(
                "milliseconds as timestamp",
                metric + " 1 " + seconds * 1000,
                "timestamp_out_of_range");
        corpus.line("year 2508", metric + " 1 17000000000", "timestamp_ahead_of_record");
        corpus.line(
                "line over the length limit",
                metric + " 1 " + seconds + " " + "x".repeat(5000),
                "oversized_line");
        corpus.line(
                "invalid UTF-8 in a batch",
                new byte[] {'a', '.', 'b', ' ', (byte) 0xc3, '(', ' ', '1'},
                "invalid_utf8");
        String[][] badNames = {
            {"NUL", "app.we\u0000b.cpu"},
            {"no-break space", "app.web\u00a0cpu"},
            {"byte order mark", "\ufeffapp.web.cpu"},
            {"escape sequence", "app.web\u001b[31m.cpu"},
            {"tag syntax", "app.web.cpu;host=a"},
            {"glob star", "app.web.*"},
            {"glob braces", "app.{web,db}.cpu"},
            {"slash", "app.web/cpu"}
        };
        for (String[] bad : badNames) {
            corpus.line(
                    "name with " + bad[0], bad[1] + " 1 " + seconds, "name_with_invalid_character");
        }
        corpus.line("empty name component", "app..cpu 1 " + seconds, "name_with_empty_component");
        corpus.line(
                "300-byte name component",
                "app." + "c".repeat(300) + " 1 " + seconds,
                "name_with_oversized_component");
        return corpus.items;
    }

    private void record(String name, byte[] payload, String... reasons) {
        items.add(new Item(name, payload, true, List.of(reasons)));
    }

    private void line(String name, String line, String... reasons) {
        line(name, utf8(line), reasons);
    }

    private void line(String name, byte[] line, String... reasons) {
        items.add(new Item(name, line, false, List.of(reasons)));
    }
}
