package io.pensu.flink.model.compact;

import java.util.Arrays;

/**
 * One list per owner, each a block {@code [start, start + count)} of one flat primitive array (the
 * subclass's, or parallel arrays it copies together). A block that must grow moves to the end of
 * the array; when the end is reached, the lists are squeezed to its front, or to the front of a new
 * array when they need a size that differs by more than an eighth. Positions change, so callers
 * address values by owner and index only.
 *
 * <p>Lists that grow one value at a time grow by an eighth and keep an eighth of their length as
 * spare room when squeezed, else every one of them would move on its next insertion and the
 * squeezing would soon come round again; lists that grow rarely keep none, since every list would
 * hold it. An eighth, not a quarter: the spare room is heap held all the time (a quarter cost the
 * temporal memory's index half a byte a synapse more); not a sixteenth, whose more frequent
 * squeezes doubled the slowest samples' time (docs/BENCHMARKS.md). A list that moves because it is
 * full takes half its length more (at least 4): the array's length, set at a squeeze, is the heap
 * the lists hold, and the room a move takes only decides how soon the array's end is reached. Grown
 * by an eighth, a list that gains many values at once (a young temporal memory's index gains about
 * 20 a step in each of 40 columns) moved several times a step, and its moves took eight times what
 * it gained: a squeeze, and mostly a new array, at every step.
 */
abstract class Blocks {

    /** Spare room, headroom and the growth of the owner arrays, as a fraction: 1/8. */
    private static final int SPARE_SHIFT = 3;

    private Object array;
    private int arrayLength;
    private int[] start;
    private int[] count;
    private int[] capacity;
    private int owners;
    private int end;
    private final boolean growsOften;

    /**
     * @param array the first backing array, of the subclass's type, handed to {@link #use} (the
     *     subclass's typed field must have no initializer, which would run after this)
     */
    Blocks(int owners, boolean growsOften, Object array) {
        replaceArray(array);
        this.growsOften = growsOften;
        this.owners = owners;
        this.start = new int[Math.max(owners, 1)];
        this.count = new int[Math.max(owners, 1)];
        this.capacity = new int[Math.max(owners, 1)];
    }

    /** A new backing array of the subclass's type. */
    abstract Object newArray(int length);

    /** The backing array is now {@code array}: the subclass keeps it in its typed field. */
    abstract void use(Object array);

    /** How many values a backing array holds. */
    int lengthOf(Object array) {
        return java.lang.reflect.Array.getLength(array);
    }

    /**
     * Copies values between backing arrays, or within one, as {@link System#arraycopy} does: typed
     * in the subclass, so that the copy is the JIT's stub for its type, not the generic one.
     */
    abstract void copy(Object from, int fromPosition, Object to, int toPosition, int length);

    private void replaceArray(Object array) {
        this.array = array;
        this.arrayLength = lengthOf(array);
        use(array);
    }

    /** Makes owners {@code [0, owners)} addressable; new owners have empty lists. */
    void ensureOwners(int owners) {
        if (owners > start.length) {
            int length = Math.max(owners, (int) withSpareRoom(start.length));
            start = Arrays.copyOf(start, length);
            count = Arrays.copyOf(count, length);
            capacity = Arrays.copyOf(capacity, length);
        }
        this.owners = Math.max(this.owners, owners);
    }

    final int start(int owner) {
        return start[owner];
    }

    final int count(int owner) {
        return count[owner];
    }

    /** Makes room for at least {@code room} values in the owner's block. */
    final void reserve(int owner, int room) {
        if (room > capacity[owner]) {
            moveToEnd(owner, room);
        }
    }

    /**
     * The position in the backing array of the owner's next value, counted in: {@link #reserve}
     * must have made room for it.
     */
    final int append(int owner) {
        return start[owner] + count[owner]++;
    }

    /**
     * Opens a gap at {@code index} within the owner's list, growing the block by half when full,
     * and returns its position in the backing array.
     */
    final int openAt(int owner, int index) {
        if (count[owner] == capacity[owner]) {
            moveToEnd(owner, count[owner] + Math.max(4, count[owner] >> 1));
        }
        int at = start[owner] + index;
        copy(array, at, array, at + 1, count[owner] - index);
        count[owner]++;
        return at;
    }

    /** Removes the value at {@code index} within the owner's list, keeping the others' order. */
    final void removeAt(int owner, int index) {
        int from = start[owner];
        int last = from + --count[owner];
        copy(array, from + index + 1, array, from + index, last - from - index);
    }

    /** Empties the owner's list and gives its room back. */
    final void clear(int owner) {
        count[owner] = 0;
        capacity[owner] = 0;
    }

    /** Values in all lists. */
    final int total() {
        int total = 0;
        for (int o = 0; o < owners; o++) {
            total += count[o];
        }
        return total;
    }

    private void moveToEnd(int owner, int room) {
        int from = start[owner];
        if (from + capacity[owner] == end && from + room <= arrayLength) {
            // Already the last block: grow in place.
            end = from + room;
        } else {
            if (end + room > arrayLength) {
                compact(room);
                from = start[owner];
            }
            copy(array, from, array, end, count[owner]);
            start[owner] = end;
            end += room;
        }
        capacity[owner] = room;
    }

    /**
     * Squeezes the lists to the front of an array with room for {@code extra} more values and an
     * eighth of headroom: the copy then costs as much as the moves that lead to the next one.
     */
    private void compact(int extra) {
        long needed = extra;
        for (int o = 0; o < owners; o++) {
            needed += squeezedCapacity(o);
        }
        long length = withSpareRoom(needed);
        if (length <= arrayLength && length >= arrayLength - (arrayLength >> SPARE_SHIFT)) {
            squeezeInPlace();
        } else {
            copyTo(Math.toIntExact(length), true);
        }
    }

    /**
     * Squeezes the lists to the front of the array they are in, in the order they lie in it. An old
     * model's lists only churn, and a new array at each squeeze would be a live one for the garbage
     * collector to copy, most of what such a model allocates (docs/BENCHMARKS.md).
     */
    private void squeezeInPlace() {
        long[] byStart = new long[owners];
        int used = 0;
        for (int o = 0; o < owners; o++) {
            if (count[o] > 0) {
                byStart[used++] = (long) start[o] << Integer.SIZE | o;
            } else {
                start[o] = 0;
                capacity[o] = 0;
            }
        }
        Arrays.sort(byStart, 0, used);
        // Leftwards without gaps first, then rightwards from the last list to give each its spare
        // room: either way no list is written over before it has moved.
        int next = 0;
        for (int i = 0; i < used; i++) {
            int o = (int) byStart[i];
            copy(array, start[o], array, next, count[o]);
            start[o] = next;
            next += count[o];
        }
        end = 0;
        for (int i = 0; i < used; i++) {
            end += squeezedCapacity((int) byStart[i]);
        }
        int after = end;
        for (int i = used - 1; i >= 0; i--) {
            int o = (int) byStart[i];
            capacity[o] = squeezedCapacity(o);
            after -= capacity[o];
            copy(array, start[o], array, after, count[o]);
            start[o] = after;
        }
    }

    private int squeezedCapacity(int owner) {
        return growsOften ? (int) withSpareRoom(count[owner]) : count[owner];
    }

    static long withSpareRoom(long length) {
        return length + (length >> SPARE_SHIFT);
    }

    private void copyTo(int length, boolean withSpareRoom) {
        Object moved = newArray(length);
        int next = 0;
        for (int o = 0; o < owners; o++) {
            // Most of a young index's columns have no list, and a copy of nothing still costs.
            if (count[o] > 0) {
                copy(array, start[o], moved, next, count[o]);
            }
            start[o] = next;
            capacity[o] = withSpareRoom ? squeezedCapacity(o) : count[o];
            next += capacity[o];
        }
        replaceArray(moved);
        end = next;
    }

    /** Squeezes the lists, in owner order, into an array of exactly {@link #total} values. */
    final void pack() {
        copyTo(total(), false);
    }

    /**
     * Lays out lists of the given lengths over {@code packed}, an array of the subclass's type, as
     * {@link #pack} left them: for lists that grow rarely, which keep no spare room.
     */
    final void unpack(int[] lengths, Object packed) {
        ensureOwners(lengths.length);
        int next = 0;
        for (int o = 0; o < lengths.length; o++) {
            start[o] = next;
            count[o] = lengths[o];
            capacity[o] = lengths[o];
            next += lengths[o];
        }
        replaceArray(packed);
        end = next;
    }

    /**
     * Lays out lists of the given lengths, with the spare room and headroom a squeeze leaves, in a
     * new array whose values the caller then writes from each owner's {@link #start}: a list
     * restored from a snapshot is written once, where it stays.
     */
    final void layOut(int[] lengths) {
        ensureOwners(lengths.length);
        int next = 0;
        for (int o = 0; o < lengths.length; o++) {
            start[o] = next;
            count[o] = lengths[o];
            capacity[o] = squeezedCapacity(o);
            next += capacity[o];
        }
        replaceArray(newArray(Math.toIntExact(withSpareRoom(next))));
        end = next;
    }
}
