package io.pensu.flink.model.compact;

import java.util.Arrays;

/**
 * One list of ints per owner, each a block {@code [start, start + count)} of {@link #values}. A
 * block that must grow moves to the end of the array; when the end is reached, the holes this
 * leaves are squeezed out. Positions change, so callers address values by owner and index only.
 *
 * <p>Lists that grow one value at a time grow by a quarter and keep a quarter of their length as
 * spare room when squeezed, else every one of them would move on its next insertion and the
 * squeezing would soon come round again; lists that grow rarely keep none, since every list would
 * hold it.
 */
final class IntBlocks {

    int[] values = new int[1024];
    private int[] start;
    private int[] count;
    private int[] capacity;
    private int owners;
    private int end;
    private int holes;
    private final boolean growsOften;

    IntBlocks(int owners, boolean growsOften) {
        this.growsOften = growsOften;
        this.owners = owners;
        this.start = new int[Math.max(owners, 1)];
        this.count = new int[Math.max(owners, 1)];
        this.capacity = new int[Math.max(owners, 1)];
    }

    /** Makes owners {@code [0, owners)} addressable; new owners have empty lists. */
    void ensureOwners(int owners) {
        if (owners > start.length) {
            int length = Math.max(owners, start.length * 2);
            start = Arrays.copyOf(start, length);
            count = Arrays.copyOf(count, length);
            capacity = Arrays.copyOf(capacity, length);
        }
        this.owners = Math.max(this.owners, owners);
    }

    int start(int owner) {
        return start[owner];
    }

    int count(int owner) {
        return count[owner];
    }

    /** Makes room for at least {@code room} values in the owner's block. */
    void reserve(int owner, int room) {
        if (room > capacity[owner]) {
            moveToEnd(owner, room);
        }
    }

    /** Appends a value; {@link #reserve} must have made room for it. */
    void add(int owner, int value) {
        values[start[owner] + count[owner]++] = value;
    }

    /** Removes the value at {@code index} within the owner's list, keeping the others' order. */
    void removeAt(int owner, int index) {
        int from = start[owner];
        int last = from + --count[owner];
        System.arraycopy(values, from + index + 1, values, from + index, last - from - index);
    }

    /**
     * Inserts a value into the owner's ascending list, growing the block by a quarter when full.
     */
    void insertSorted(int owner, int value) {
        if (count[owner] == capacity[owner]) {
            moveToEnd(owner, Math.max(4, count[owner] + count[owner] / 4));
        }
        int from = start[owner];
        int at = lowerBound(owner, value);
        System.arraycopy(values, at, values, at + 1, from + count[owner] - at);
        values[at] = value;
        count[owner]++;
    }

    /** Removes {@code value} from the owner's ascending list; false if it is not there. */
    boolean removeSorted(int owner, int value) {
        int at = lowerBound(owner, value);
        if (at == start[owner] + count[owner] || values[at] != value) {
            return false;
        }
        removeAt(owner, at - start[owner]);
        return true;
    }

    /**
     * The position in {@link #values} of the first value of the owner's ascending list that is not
     * below {@code value}, or the end of the list.
     */
    int lowerBound(int owner, int value) {
        int low = start[owner];
        int high = low + count[owner];
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (values[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Empties the owner's list and gives its room back. */
    void clear(int owner) {
        holes += capacity[owner];
        count[owner] = 0;
        capacity[owner] = 0;
    }

    /** Values in all lists. */
    int total() {
        int total = 0;
        for (int o = 0; o < owners; o++) {
            total += count[o];
        }
        return total;
    }

    private void moveToEnd(int owner, int room) {
        int from = start[owner];
        if (from + capacity[owner] == end && from + room <= values.length) {
            // Already the last block: grow in place.
            end = from + room;
        } else {
            if (end + room > values.length) {
                compact(room);
                from = start[owner];
            }
            System.arraycopy(values, from, values, end, count[owner]);
            holes += capacity[owner];
            start[owner] = end;
            end += room;
        }
        capacity[owner] = room;
    }

    /**
     * Copies the lists, in owner order, to the front of a new array with room for {@code extra}
     * more values and a quarter of headroom: the copy then costs as much as the moves that lead to
     * the next one.
     */
    private void compact(int extra) {
        long needed = extra;
        for (int o = 0; o < owners; o++) {
            needed += squeezedCapacity(o);
        }
        copyTo(new int[Math.toIntExact(needed + needed / 4)], true);
    }

    private int squeezedCapacity(int owner) {
        return growsOften ? count[owner] + count[owner] / 4 : count[owner];
    }

    private void copyTo(int[] moved, boolean withSpareRoom) {
        int next = 0;
        for (int o = 0; o < owners; o++) {
            System.arraycopy(values, start[o], moved, next, count[o]);
            start[o] = next;
            capacity[o] = withSpareRoom ? squeezedCapacity(o) : count[o];
            next += capacity[o];
        }
        values = moved;
        end = next;
        holes = 0;
    }

    /** The values of all lists, in owner order: an array of exactly {@link #total} values. */
    int[] packed() {
        copyTo(new int[total()], false);
        return values;
    }

    /** Lays out lists of the given lengths over {@code packed}, as {@link #packed} wrote them. */
    void unpack(int[] lengths, int[] packed) {
        ensureOwners(lengths.length);
        int next = 0;
        for (int o = 0; o < lengths.length; o++) {
            start[o] = next;
            count[o] = lengths[o];
            capacity[o] = lengths[o];
            next += lengths[o];
        }
        values = packed;
        end = next;
        holes = 0;
        if (growsOften) {
            compact(0);
        }
    }
}
