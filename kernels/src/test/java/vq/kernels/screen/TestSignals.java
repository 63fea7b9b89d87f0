package vq.kernels.screen;

/** Plain SMA-crossover signals for tests (written independently of the DSL's kernels). */
final class TestSignals {
    private TestSignals() {}

    static double[] sma(double[] x, int p) {
        double[] out = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            if (i >= p) sum -= x[i - p];
            out[i] = i >= p - 1 ? sum / p : Double.NaN;
        }
        return out;
    }

    /** [0] = fast crosses above slow (enter long / exit short), [1] = crosses below (exit long / enter short). */
    static boolean[][] cross(double[] close, int fast, int slow) {
        double[] f = sma(close, fast), s = sma(close, slow);
        boolean[] up = new boolean[close.length], down = new boolean[close.length];
        for (int i = 1; i < close.length; i++) {
            if (Double.isNaN(s[i - 1])) continue;
            up[i] = f[i] > s[i] && f[i - 1] <= s[i - 1];
            down[i] = f[i] < s[i] && f[i - 1] >= s[i - 1];
        }
        return new boolean[][] {up, down};
    }
}
