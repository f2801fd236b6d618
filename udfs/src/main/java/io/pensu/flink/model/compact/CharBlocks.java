package io.pensu.flink.model.compact;

/** {@link Blocks} of chars: lists of 16-bit values at half the heap of {@link IntBlocks}. */
final class CharBlocks extends Blocks {

    char[] values;

    CharBlocks(int owners, boolean growsOften) {
        super(owners, growsOften, new char[1024]);
    }

    @Override
    Object newArray(int length) {
        return new char[length];
    }

    @Override
    void use(Object array) {
        values = (char[]) array;
    }

    @Override
    void copy(Object from, int fromPosition, Object to, int toPosition, int length) {
        System.arraycopy((char[]) from, fromPosition, (char[]) to, toPosition, length);
    }
}
