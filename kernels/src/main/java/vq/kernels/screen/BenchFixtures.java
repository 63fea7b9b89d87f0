package vq.kernels.screen;

import java.util.SplittableRandom;

/**
 * Deterministic inputs for throughput measurements of the screen (JMH in bench/ and {@code vq bench screen}):
 * a geometric random-walk 1m bar series and a signal source whose crossings arrive at a fixed average rate.
 * Not market data: for speed measurements only.
 */
public final class BenchFixtures {
    private BenchFixtures() {}

    /**
     * {@code n} 1m bars from 2024-01-01 00:00 UTC, log-returns N(0, 0.1 %), high/low 0.05 % beyond open/close.
     *
     * @param seed random seed (same seed, same bars)
     */
    public static BarSeries randomWalk(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n];
        double p = 40_000;
        for (int i = 0; i < n; i++) {
            ts[i] = 1_704_067_200_000_000_000L + i * 60_000_000_000L;
            double op = p;
            p *= Math.exp(gaussian(r) * 0.001);
            o[i] = op;
            c[i] = p;
            h[i] = Math.max(op, p) * 1.0005;
            l[i] = Math.min(op, p) * 0.9995;
        }
        return new BarSeries("BTCUSDT", 60_000_000_000L, ts, o, h, l, c);
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Crossover-like signals over {@code bars} bars: per set, the direction flips on average every
     * {@code meanBars} bars (positions drawn once from a hash of (seed, set, bar)); a flip up enters long and
     * exits short, a flip down the reverse. Flip positions are kept per set (O(sets × bars / meanBars) ints), so
     * filling a block costs far less than simulating it.
     */
    public static SignalSource flips(int sets, int bars, int meanBars, long seed) {
        int[][] pos = new int[sets][];
        for (int s = 0; s < sets; s++) {
            int[] p = new int[16];
            int k = 0;
            for (int i = 1; i < bars; i++) {
                long h = mix(seed ^ ((long) s << 32) ^ i);
                if (Long.remainderUnsigned(h, meanBars) == 0) {
                    if (k == p.length) p = java.util.Arrays.copyOf(p, 2 * k);
                    p[k++] = (h & (1L << 40)) != 0 ? i : -i; // sign = direction
                }
            }
            pos[s] = java.util.Arrays.copyOf(p, k);
        }
        return new SignalSource() {
            @Override public int parameterSets() { return sets; }

            @Override public void fill(int barFrom, int barTo, int setFrom, int setTo, SignalBlock out) {
                int words = (barTo - barFrom + 63) >>> 6;
                for (int s = setFrom; s < setTo; s++) {
                    int off = (s - setFrom) * out.words;
                    java.util.Arrays.fill(out.enterLong, off, off + words, 0L);
                    java.util.Arrays.fill(out.exitLong, off, off + words, 0L);
                    java.util.Arrays.fill(out.enterShort, off, off + words, 0L);
                    java.util.Arrays.fill(out.exitShort, off, off + words, 0L);
                    int[] p = pos[s];
                    int lo = 0, hi = p.length;
                    while (lo < hi) { int m = (lo + hi) >>> 1; if (Math.abs(p[m]) < barFrom) lo = m + 1; else hi = m; }
                    for (int k = lo; k < p.length && Math.abs(p[k]) < barTo; k++) {
                        int i = Math.abs(p[k]) - barFrom;
                        long bit = 1L << (i & 63);
                        if (p[k] > 0) { out.enterLong[off + (i >>> 6)] |= bit; out.exitShort[off + (i >>> 6)] |= bit; }
                        else { out.enterShort[off + (i >>> 6)] |= bit; out.exitLong[off + (i >>> 6)] |= bit; }
                    }
                }
            }
        };
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
