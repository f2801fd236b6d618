package io.pensu.flink.graphite;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CarbonLineFilterTest {

    private final CarbonLineFilter filter = new CarbonLineFilter();
    private final List<String> out = new ArrayList<>();

    @Test
    void splitsARecordOfSeveralLinesInOrder() {
        filter.addLines("a.b 1 10\r\nc.d 2 20\n", "t-0@0", out);

        assertThat(out).containsExactly("a.b 1 10\n", "c.d 2 20\n");
        assertThat(filter.forwarded()).isEqualTo(2);
    }

    @Test
    void skipsAndCountsLinesThatAreNotCarbonLinesAndKeepsTheRest() {
        filter.addLines("a.b 1 10\nnot a carbon line at all\na.b x 20\na.b 3 30", "t-0@0", out);
        filter.addLines("garbage", "t-0@1", out);

        assertThat(out).containsExactly("a.b 1 10\n", "a.b 3 30\n");
        assertThat(filter.skipped()).isEqualTo(3);
        assertThat(filter.forwarded()).isEqualTo(2);
    }

    @Test
    void ignoresEmptyRecordsAndBlankLines() {
        filter.addLines(null, "t-0@0", out);
        filter.addLines("", "t-0@1", out);
        filter.addLines("\n \n", "t-0@2", out);

        assertThat(out).isEmpty();
        assertThat(filter.skipped()).isZero();
    }
}
