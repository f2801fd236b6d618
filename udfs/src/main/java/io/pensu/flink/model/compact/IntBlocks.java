package io.pensu.flink.model.compact;

/** {@link Blocks} of ints. */
final class IntBlocks extends Blocks {

    int[] values;

    IntBlocks(int owners, boolean growsOften) {
        super(owners, growsOften, new int[1024]);
    }

    @Override
    Object newArray(int length) {
        return new int[length];
    }

    @Override
    void use(Object array) {
        values = (int[]) array;
    }

    @Override
    void copy(Object from, int fromPosition, Object to, int toPosition, int length) {
        System.arraycopy((int[]) from, fromPosition, (int[]) to, toPosition, length);
    }

    /** Inserts a value into the owner's ascending list. */
    void insertSorted(int owner, int value) {
        int index = lowerBound(owner, value) - start(owner);
        int at = openAt(owner, index);
        values[at] = value;
    }

    /** Removes {@code value} from the owner's ascending list; false if it is not there. */
    boolean removeSorted(int owner, int value) {
        int at = lowerBound(owner, value);
        if (at == start(owner) + count(owner) || values[at] != value) {
            return false;
        }
        removeAt(owner, at - start(owner));
        return true;
    }

    /**
     * The position in {@link #values} of the first value of the owner's ascending list that is not
     * below {@code value}, or the end of the list.
     */
    int lowerBound(int owner, int value) {
        int low = start(owner);
        int high = low + count(owner);
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
}
