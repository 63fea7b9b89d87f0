package vq.kernels.indicators;

/**
 * Straightforward scalar implementations, written from the textbook definitions independently of the kernels, for
 * the indicators TA-Lib lacks (VWAP, Ichimoku) and for resampling/alignment.
 */
final class Reference {
    private Reference() {}

    static final long DAY = 86_400_000_000_000L;

    /** Session VWAP: cumulative Σ((h+l+c)/3·v)/Σv since 00:00 UTC of each bar's day; NaN while Σv = 0. */
    static double[] vwap(long[] ts, double[] h, double[] l, double[] c, double[] v) {
        int n = ts.length;
        double[] out = new double[n];
        double pv = 0, vol = 0;
        long day = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long d = Math.floorDiv(ts[i], DAY);
            if (d != day) { day = d; pv = 0; vol = 0; }
            double tp = (h[i] + l[i] + c[i]) / 3.0;
            pv += tp * v[i];
            vol += v[i];
            out[i] = vol == 0 ? Double.NaN : pv / vol;
        }
        return out;
    }

    static double highest(double[] x, int i, int w) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = i - w + 1; j <= i; j++) m = Math.max(m, x[j]);
        return m;
    }

    static double lowest(double[] x, int i, int w) {
        double m = Double.POSITIVE_INFINITY;
        for (int j = i - w + 1; j <= i; j++) m = Math.min(m, x[j]);
        return m;
    }

    static double mid(double[] h, double[] l, int i, int w) {
        return i < w - 1 || i < 0 ? Double.NaN : (highest(h, i, w) + lowest(l, i, w)) / 2.0;
    }

    /** Ichimoku fields {tenkan, kijun, senkou_a, senkou_b, chikou} (causal form, see Indicators). */
    static double[][] ichimoku(double[] h, double[] l, double[] c, int t, int k, int s, int d) {
        int n = c.length;
        double[][] r = new double[5][n];
        for (int i = 0; i < n; i++) {
            r[0][i] = mid(h, l, i, t);
            r[1][i] = mid(h, l, i, k);
            int j = i - d;
            r[2][i] = j < 0 ? Double.NaN : (mid(h, l, j, t) + mid(h, l, j, k)) / 2.0;
            r[3][i] = j < 0 ? Double.NaN : mid(h, l, j, s);
            r[4][i] = j < 0 ? Double.NaN : c[j];
        }
        return r;
    }
}
