package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import vq.kernels.strategy.SignalKernel.Input;

/** Vectorised masks equal a plain scalar loop for every operator, block and NaN pattern. */
class SignalKernelTest {
    static MemorySegment seg(double[] a) {
        MemorySegment s = Arena.ofAuto().allocate(a.length * 8L, 64);
        MemorySegment.copy(a, 0, s, ValueLayout.JAVA_DOUBLE, 0, a.length);
        return s;
    }

    static double[] data(SplittableRandom r, int n) {
        double[] a = new double[n];
        // some series have few distinct values and NaNs (ties: the explicit <=/>= path), others are tie-free (the
        // complement path of crossBoth)
        boolean ties = r.nextBoolean();
        for (int i = 0; i < n; i++) {
            a[i] = ties ? r.nextInt(5) : r.nextDouble() * 4;
            if (ties && r.nextInt(10) == 0) a[i] = Double.NaN;
        }
        return a;
    }

    @Property(tries = 300)
    void matchesScalar(@ForAll @IntRange(min = 1, max = 700) int n, @ForAll @IntRange(min = 0, max = 699) int fromRaw,
                       @ForAll @IntRange(min = 0, max = 700) int lenRaw, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = data(r, n), b = data(r, n), c = data(r, n);
        int from = fromRaw % n, to = from + lenRaw % (n - from + 1);
        Input ia = Input.of(seg(a)), ib = Input.of(seg(b)), ic = Input.of(seg(c)), k = Input.of(2.0);
        long[] out = new long[SignalKernel.words(700) + 1];
        java.util.Arrays.fill(out, -1L); // stale bits must be cleared
        for (SignalKernel.Cmp cmp : SignalKernel.Cmp.values()) {
            for (Input rhs : new Input[] {ib, k}) {
                SignalKernel.compare(ia, cmp, rhs, from, to, out, 1);
                for (int i = from; i < to; i++) assertEquals(SignalKernel.test(cmp, a[i], rhs.isConstant() ? 2.0 : b[i]), SignalKernel.get(java.util.Arrays.copyOfRange(out, 1, out.length), i - from), cmp + " at " + i);
                checkTail(java.util.Arrays.copyOfRange(out, 1, out.length), to - from);
            }
        }
        for (boolean above : new boolean[] {true, false}) {
            for (Input rhs : new Input[] {ib, k}) {
                SignalKernel.cross(ia, above, rhs, from, to, out, 1);
                for (int i = from; i < to; i++) {
                    boolean e = false;
                    if (i > 0) {
                        double b0 = rhs.isConstant() ? 2.0 : b[i - 1], b1 = rhs.isConstant() ? 2.0 : b[i];
                        e = above ? a[i - 1] <= b0 && a[i] > b1 : a[i - 1] >= b0 && a[i] < b1;
                    }
                    assertEquals(e, SignalKernel.get(java.util.Arrays.copyOfRange(out, 1, out.length), i - from), "cross " + above + " at " + i);
                }
                checkTail(java.util.Arrays.copyOfRange(out, 1, out.length), to - from);
            }
        }
        for (Input rhs : new Input[] {ib, k}) {
            long[] below = new long[out.length];
            java.util.Arrays.fill(below, -1L);
            SignalKernel.crossBoth(ia, rhs, from, to, out, below, 1);
            for (int i = from; i < to; i++) {
                double b0 = i == 0 ? 0 : rhs.isConstant() ? 2.0 : b[i - 1], b1 = rhs.isConstant() ? 2.0 : b[i];
                boolean up = i > 0 && a[i - 1] <= b0 && a[i] > b1, down = i > 0 && a[i - 1] >= b0 && a[i] < b1;
                assertEquals(up, SignalKernel.get(java.util.Arrays.copyOfRange(out, 1, out.length), i - from), "crossBoth above at " + i);
                assertEquals(down, SignalKernel.get(java.util.Arrays.copyOfRange(below, 1, below.length), i - from), "crossBoth below at " + i);
            }
            checkTail(java.util.Arrays.copyOfRange(out, 1, out.length), to - from);
            checkTail(java.util.Arrays.copyOfRange(below, 1, below.length), to - from);
            assertEquals(-1L, below[0], "words before the offset are not touched");
        }
        SignalKernel.between(ia, ib, ic, from, to, out, 1);
        for (int i = from; i < to; i++) assertEquals(b[i] <= a[i] && a[i] <= c[i], SignalKernel.get(java.util.Arrays.copyOfRange(out, 1, out.length), i - from), "between at " + i);
        checkTail(java.util.Arrays.copyOfRange(out, 1, out.length), to - from);
        assertEquals(-1L, out[0], "words before the offset are not touched");
    }

    static void checkTail(long[] out, int bars) {
        int words = SignalKernel.words(bars);
        if (bars % 64 != 0) assertEquals(0L, out[words - 1] >>> (bars % 64), "bits past the block must be zero");
    }
}
