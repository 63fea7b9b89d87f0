package vq.sim;

import vq.sim.market.SymbolFeed;

/** Test helper: hand-written 1-minute bars starting at 2024-01-01 00:00 UTC. */
final class Bars {
    static final long T0 = 1_704_067_200_000_000_000L;
    static final long MIN = 60_000_000_000L;

    /** rows of {open, high, low, close}. */
    static SymbolFeed feed(String sym, double[][] ohlc) {
        int n = ohlc.length;
        long[] ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = T0 + i * MIN;
            o[i] = ohlc[i][0];
            h[i] = ohlc[i][1];
            l[i] = ohlc[i][2];
            c[i] = ohlc[i][3];
            v[i] = 100;
        }
        return SymbolFeed.ofBars(sym, MIN, ts, o, h, l, c, v);
    }

    static boolean[] at(int n, int... idx) {
        boolean[] b = new boolean[n];
        for (int i : idx) b[i] = true;
        return b;
    }
}
