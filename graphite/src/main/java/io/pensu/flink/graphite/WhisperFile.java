package io.pensu.flink.graphite;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a whisper file, the format carbon-cache stores each Graphite series in: a header, then per
 * archive a ring of (epoch seconds, value) points at a fixed step. Big-endian throughout: header
 * {@code aggregationType u32, maxRetention u32, xFilesFactor f32, archiveCount u32}, per archive
 * {@code offset u32, secondsPerPoint u32, points u32}, per point {@code interval u32, value f64}.
 *
 * <p>Like whisper's own fetch, a range is read from the finest archive whose retention reaches back
 * to its start; a slot holds a point only when its stored interval is the one expected there (an
 * older lap of the ring, or nothing, otherwise).
 */
public final class WhisperFile {

    private static final int HEADER_BYTES = 16;
    private static final int ARCHIVE_INFO_BYTES = 12;
    private static final int POINT_BYTES = 12;

    private final Path path;
    private final List<Archive> archives;

    private WhisperFile(Path path, List<Archive> archives) {
        this.path = path;
        this.archives = archives;
    }

    /** One archive: where its ring starts, its step and how many points it holds. */
    public record Archive(long offset, long secondsPerPoint, long points) {
        public long retention() {
            return secondsPerPoint * points;
        }
    }

    public static WhisperFile open(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, 0, HEADER_BYTES);
            header.position(12);
            long count = Integer.toUnsignedLong(header.getInt());
            if (count == 0 || count > 64) {
                throw new IOException(path + " is not a whisper file (" + count + " archives)");
            }
            ByteBuffer infos = read(channel, HEADER_BYTES, (int) count * ARCHIVE_INFO_BYTES);
            List<Archive> archives = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                archives.add(
                        new Archive(
                                Integer.toUnsignedLong(infos.getInt()),
                                Integer.toUnsignedLong(infos.getInt()),
                                Integer.toUnsignedLong(infos.getInt())));
            }
            return new WhisperFile(path, List.copyOf(archives));
        }
    }

    List<Archive> archives() {
        return archives;
    }

    /**
     * The points with from <= timestamp <= until, read as of {@code now} (which decides the
     * archive, as in whisper: the finest one that still holds points as old as {@code from}).
     * Points after {@code now} are returned too: carbon stores predictions ahead of time.
     */
    public TimeSeries read(long from, long until, long now) throws IOException {
        Archive archive = archiveFor(now - from);
        long step = archive.secondsPerPoint();
        long start = Math.max(from, now - archives.get(archives.size() - 1).retention());
        long first = Math.floorDiv(start + step - 1, step) * step;
        long last = Math.floorDiv(until, step) * step;
        if (last < first) {
            return TimeSeries.EMPTY;
        }
        long slots = Math.min((last - first) / step + 1, archive.points());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long base = Integer.toUnsignedLong(read(channel, archive.offset(), 4).getInt());
            if (base == 0) {
                return TimeSeries.EMPTY;
            }
            ByteBuffer ring = readRing(channel, archive, Math.floorDiv(first - base, step), slots);
            long[] timestamps = new long[(int) slots];
            double[] values = new double[(int) slots];
            int found = 0;
            for (long i = 0; i < slots; i++) {
                long interval = Integer.toUnsignedLong(ring.getInt());
                double value = ring.getDouble();
                if (interval == first + i * step) {
                    timestamps[found] = interval;
                    values[found++] = value;
                }
            }
            return new TimeSeries(Arrays.copyOf(timestamps, found), Arrays.copyOf(values, found));
        }
    }

    private Archive archiveFor(long age) {
        for (Archive archive : archives) {
            if (archive.retention() >= age) {
                return archive;
            }
        }
        return archives.get(archives.size() - 1);
    }

    /** {@code slots} consecutive points from the given slot on, wrapping at the ring's end. */
    private static ByteBuffer readRing(
            FileChannel channel, Archive archive, long firstSlot, long slots) throws IOException {
        long slot = Math.floorMod(firstSlot, archive.points());
        long before = Math.min(slots, archive.points() - slot);
        ByteBuffer ring = ByteBuffer.allocate((int) (slots * POINT_BYTES));
        ring.put(read(channel, archive.offset() + slot * POINT_BYTES, (int) before * POINT_BYTES));
        if (before < slots) {
            ring.put(read(channel, archive.offset(), (int) (slots - before) * POINT_BYTES));
        }
        return ring.flip();
    }

    private static ByteBuffer read(FileChannel channel, long position, int bytes)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("whisper file ends before byte " + (position + bytes));
            }
        }
        return buffer.flip();
    }
}
