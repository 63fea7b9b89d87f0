package vq.kernels.indicators;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Per-thread reusable temporary buffers for kernels (native, 64-byte aligned, GC-managed via {@link Arena#ofAuto()}).
 * Reuse matters: a fresh 8 MB buffer per call costs page faults and zeroing comparable to the kernel itself. Slots are
 * numbered by the caller; a kernel must not hand its slots to a nested kernel that uses the same numbers (nested
 * helpers use slots 0–1, kernels use 2 and up).
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
    private MemorySegment[] slots = new MemorySegment[16];
    private double[] small = new double[0];
    private int[] ints = new int[0];

    static Scratch get() { return LOCAL.get(); }

    /** Buffer {@code slot} with room for at least {@code n} doubles (contents undefined). */
    MemorySegment buf(int slot, long n) {
        MemorySegment s = slots[slot];
        if (s == null || s.byteSize() < n * 8) {
            s = Arena.ofAuto().allocate(Math.max(1, n) * 8, 64);
            slots[slot] = s;
        }
        return s;
    }

    /**
     * A reusable heap array of at least {@code n} doubles (contents undefined), for small per-block working sets that
     * vector loops read many times: array loads and stores compile to far fewer nodes than segment accesses, so larger
     * kernels stay within C2's inlining budget (a vector op left out of line boxes its vectors).
     */
    double[] array(int n) {
        if (small.length < n) small = new double[n];
        return small;
    }

    /** A reusable heap int array of at least {@code n} elements (contents undefined), e.g. a gather index map. */
    int[] ints(int n) {
        if (ints.length < n) ints = new int[n];
        return ints;
    }
}
