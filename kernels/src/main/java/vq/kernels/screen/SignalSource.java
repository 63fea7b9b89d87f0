package vq.kernels.screen;

/**
 * Per-parameter-set signal masks over blocks of bars, as produced by a compiled strategy: for each set,
 * whether the long/short entry and exit conditions hold at the <em>close</em> of each bar.
 *
 * <p>Called concurrently by the screening threads, each with its own {@link SignalBlock} and a disjoint
 * range of sets; implementations must be thread-safe and deterministic (the same bits for the same
 * arguments, whatever the block boundaries).
 */
public interface SignalSource {
    /** Number of parameter sets. */
    int parameterSets();

    /**
     * Writes the signal bits of sets {@code [setFrom, setTo)} over bars {@code [barFrom, barTo)} into
     * {@code out} (layout in {@link SignalBlock}); every word of the range must be written (clear what is false).
     */
    void fill(int barFrom, int barTo, int setFrom, int setTo, SignalBlock out);
}
