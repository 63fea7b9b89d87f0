package vq.kernels.indicators;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;

/** Heap OHLCV columns for tests, and a seeded synthetic generator with the edge cases real data has. */
record Bars(long[] ts, double[] open, double[] high, double[] low, double[] close, double[] volume) {
    static final long MINUTE = 60_000_000_000L;

    int n() { return ts.length; }

    BarSeries series(Arena arena) { return BarSeries.of(MINUTE, ts, open, high, low, close, volume, arena); }

    /**
     * A random walk around 30,000 with 1-minute bars from 2024-01-01, plus: repeated closes (every 97th bar), and a
     * 40-bar "halt" of frozen price and zero volume (like Binance's 2023-03-24 halt) starting at bar n/3.
     */
    static Bars synthetic(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        long t0 = 1_704_067_200_000_000_000L;
        double price = 30_000;
        int halt = n / 3;
        for (int i = 0; i < n; i++) {
            ts[i] = t0 + i * MINUTE;
            double open = price;
            if (i >= halt && i < halt + 40) {
                o[i] = h[i] = l[i] = c[i] = open;
                v[i] = 0;
                continue;
            }
            double close = i % 97 == 0 ? open : open + r.nextGaussian() * 12;
            o[i] = open;
            c[i] = Math.round(close * 100) / 100.0;
            h[i] = Math.round((Math.max(open, c[i]) + Math.abs(r.nextGaussian()) * 5) * 100) / 100.0;
            l[i] = Math.round((Math.min(open, c[i]) - Math.abs(r.nextGaussian()) * 5) * 100) / 100.0;
            v[i] = Math.round(Math.exp(r.nextGaussian()) * 1e5) / 1e5;
            price = c[i];
        }
        return new Bars(ts, o, h, l, c, v);
    }
}
