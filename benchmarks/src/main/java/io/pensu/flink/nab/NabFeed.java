package io.pensu.flink.nab;

import io.pensu.flink.input.Sample;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.nio.file.Path;
import java.util.List;

/**
 * The n-th sample of the run, read from the NAB files when the source starts (so the job graph
 * carries only their names). A sample's metric is its file's name and its offset its row.
 */
final class NabFeed implements GeneratorFunction<Long, Sample> {

    static final String TOPIC = "nab";

    private final String dataDir;
    private final List<String> names;
    private final int parallelism;
    private final int maxParallelism;
    private transient List<NabDataFile> files;
    private transient long[] order;

    NabFeed(Path dataDir, List<String> names, int parallelism, int maxParallelism) {
        this.dataDir = dataDir.toString();
        this.names = List.copyOf(names);
        this.parallelism = parallelism;
        this.maxParallelism = maxParallelism;
    }

    @Override
    public void open(SourceReaderContext context) {
        files = names.stream().map(name -> NabDataFile.read(Path.of(dataDir), name)).toList();
        int[] rows = files.stream().mapToInt(NabDataFile::rows).toArray();
        order = FeedOrder.of(names, rows, parallelism, maxParallelism);
    }

    @Override
    public Sample map(Long index) {
        long position = order[Math.toIntExact(index)];
        NabDataFile file = files.get(FeedOrder.file(position));
        int row = FeedOrder.row(position);
        return new Sample(
                file.name(),
                file.epochMillis(row),
                file.values()[row],
                file.timestamps().get(row) + "," + file.values()[row],
                TOPIC,
                0,
                row);
    }
}
