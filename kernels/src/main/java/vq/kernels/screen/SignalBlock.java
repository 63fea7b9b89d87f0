package vq.kernels.screen;

/**
 * Signal bits for a block of bars and a range of parameter sets.
 *
 * <p>Layout: for kind array {@code k} (enterLong, exitLong, enterShort, exitShort),
 * {@code k[(set − setFrom) × words + w]} bit {@code b} is the signal at bar {@code barFrom + 64·w + b}.
 * {@code words = ceil(maxBars / 64)}. Bits beyond {@code barTo} must be 0.
 */
public final class SignalBlock {
    public final int words;
    public final int maxSets;
    public final long[] enterLong;
    public final long[] exitLong;
    public final long[] enterShort;
    public final long[] exitShort;

    public SignalBlock(int maxBars, int maxSets) {
        this.words = (maxBars + 63) >>> 6;
        this.maxSets = maxSets;
        int len = Math.multiplyExact(words, maxSets);
        enterLong = new long[len];
        exitLong = new long[len];
        enterShort = new long[len];
        exitShort = new long[len];
    }

    /** Clears the words of sets {@code [0, sets)}. */
    public void clear(int sets) {
        int len = sets * words;
        java.util.Arrays.fill(enterLong, 0, len, 0L);
        java.util.Arrays.fill(exitLong, 0, len, 0L);
        java.util.Arrays.fill(enterShort, 0, len, 0L);
        java.util.Arrays.fill(exitShort, 0, len, 0L);
    }

    /** Sets bit {@code bar − barFrom} of set {@code set − setFrom} in {@code kind}. */
    public void set(long[] kind, int setOffset, int barOffset) {
        kind[setOffset * words + (barOffset >>> 6)] |= 1L << (barOffset & 63);
    }
}
