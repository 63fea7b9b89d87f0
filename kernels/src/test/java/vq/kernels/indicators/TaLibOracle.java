package vq.kernels.indicators;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reference values from TA-Lib's Java port (com.tictactec:ta-lib 0.4.0), expanded to full-length arrays with NaN
 * before TA-Lib's begIdx, keyed by our output field names. Indicators TA-Lib lacks are composed from TA-Lib pieces
 * (keltner = EMA ± m·ATR, donchian = MAX/MIN, bbands.width = (upper − lower)/middle, ichimoku = MAX/MIN midpoints).
 */
final class TaLibOracle {
    private static final Core CORE = new Core();

    private TaLibOracle() {}

    interface Call { RetCode run(MInteger beg, MInteger nb, double[][] outs); }

    static double[][] call(int n, int outputs, Call c) {
        double[][] raw = new double[outputs][n];
        MInteger beg = new MInteger(), nb = new MInteger();
        RetCode rc = c.run(beg, nb, raw);
        if (rc != RetCode.Success) throw new IllegalStateException("TA-Lib returned " + rc);
        double[][] out = new double[outputs][n];
        for (int k = 0; k < outputs; k++) {
            Arrays.fill(out[k], Double.NaN);
            System.arraycopy(raw[k], 0, out[k], beg.value, nb.value);
        }
        return out;
    }

    static double[] one(int n, Call c) { return call(n, 1, c)[0]; }

    interface RangeCall { RetCode run(int from, int to, MInteger beg, MInteger nb, double[] out); }

    /** Restart interval of {@link #restarted}. */
    static final int RESTART = 1 << 16;

    /**
     * A finite-window TA-Lib function evaluated on consecutive output ranges of {@value #RESTART} bars, each call
     * starting its running sums afresh (TA-Lib re-sums the lookback window at startIdx). Same mathematical values;
     * avoids TA-Lib's long-run rounding drift, which for WMA grows like t^1.5·ulp (its running weighted sum
     * integrates the rounding error of its running simple sum) and reaches ~1e-9 relative after 1 M bars.
     */
    static double[] restarted(int n, int lookback, RangeCall c) {
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        double[] buf = new double[RESTART];
        MInteger beg = new MInteger(), nb = new MInteger();
        for (int s = lookback; s < n; s += RESTART) {
            int e = Math.min(n - 1, s + RESTART - 1);
            RetCode rc = c.run(s, e, beg, nb, buf);
            if (rc != RetCode.Success) throw new IllegalStateException("TA-Lib returned " + rc);
            System.arraycopy(buf, 0, out, beg.value, nb.value);
        }
        return out;
    }

    /** Reference outputs for {@code type} with params {@code p} on the given columns. */
    static Map<String, double[]> reference(String type, Params p, double[] o, double[] h, double[] l, double[] c, double[] v, long[] ts) {
        int n = c.length, e = n - 1;
        Map<String, double[]> m = new LinkedHashMap<>();
        switch (type) {
            case "sma" -> m.put("sma", one(n, (b, k, r) -> CORE.sma(0, e, c, p.getInt("period"), b, k, r[0])));
            case "volume_sma" -> m.put("volume_sma", one(n, (b, k, r) -> CORE.sma(0, e, v, p.getInt("period"), b, k, r[0])));
            case "ema" -> m.put("ema", one(n, (b, k, r) -> CORE.ema(0, e, c, p.getInt("period"), b, k, r[0])));
            case "wma" -> m.put("wma", restarted(n, p.getInt("period") - 1, (from, to, b, k, r) -> CORE.wma(from, to, c, p.getInt("period"), b, k, r)));
            case "dema" -> m.put("dema", one(n, (b, k, r) -> CORE.dema(0, e, c, p.getInt("period"), b, k, r[0])));
            case "tema" -> m.put("tema", one(n, (b, k, r) -> CORE.tema(0, e, c, p.getInt("period"), b, k, r[0])));
            case "rsi" -> m.put("rsi", one(n, (b, k, r) -> CORE.rsi(0, e, c, p.getInt("period"), b, k, r[0])));
            case "roc" -> m.put("roc", one(n, (b, k, r) -> CORE.roc(0, e, c, p.getInt("period"), b, k, r[0])));
            case "cci" -> m.put("cci", one(n, (b, k, r) -> CORE.cci(0, e, h, l, c, p.getInt("period"), b, k, r[0])));
            case "willr" -> m.put("willr", one(n, (b, k, r) -> CORE.willR(0, e, h, l, c, p.getInt("period"), b, k, r[0])));
            case "atr" -> m.put("atr", one(n, (b, k, r) -> CORE.atr(0, e, h, l, c, p.getInt("period"), b, k, r[0])));
            case "obv" -> m.put("obv", one(n, (b, k, r) -> CORE.obv(0, e, c, v, b, k, r[0])));
            case "mfi" -> m.put("mfi", one(n, (b, k, r) -> CORE.mfi(0, e, h, l, c, v, p.getInt("period"), b, k, r[0])));
            case "macd" -> {
                double[][] r3 = call(n, 3, (b, k, r) -> CORE.macd(0, e, c, p.getInt("fast"), p.getInt("slow"), p.getInt("signal"), b, k, r[0], r[1], r[2]));
                m.put("macd", r3[0]);
                m.put("signal", r3[1]);
                m.put("hist", r3[2]);
            }
            case "stoch" -> {
                double[][] r2 = call(n, 2, (b, k, r) -> CORE.stoch(0, e, h, l, c, p.getInt("k_period"), p.getInt("k_smooth"), MAType.Sma,
                        p.getInt("d_period"), MAType.Sma, b, k, r[0], r[1]));
                m.put("k", r2[0]);
                m.put("d", r2[1]);
            }
            case "bbands" -> {
                double dev = p.get("stddev");
                double[][] r3 = call(n, 3, (b, k, r) -> CORE.bbands(0, e, c, p.getInt("period"), dev, dev, MAType.Sma, b, k, r[0], r[1], r[2]));
                m.put("upper", r3[0]);
                m.put("middle", r3[1]);
                m.put("lower", r3[2]);
                double[] w = new double[n];
                for (int i = 0; i < n; i++) w[i] = (r3[0][i] - r3[2][i]) / r3[1][i];
                m.put("width", w);
            }
            case "adx" -> {
                int w = p.getInt("period");
                m.put("adx", one(n, (b, k, r) -> CORE.adx(0, e, h, l, c, w, b, k, r[0])));
                m.put("plus_di", one(n, (b, k, r) -> CORE.plusDI(0, e, h, l, c, w, b, k, r[0])));
                m.put("minus_di", one(n, (b, k, r) -> CORE.minusDI(0, e, h, l, c, w, b, k, r[0])));
            }
            case "keltner" -> {
                int w = p.getInt("period"), aw = p.getInt("atr_period");
                double mult = p.get("multiplier");
                double[] ema = one(n, (b, k, r) -> CORE.ema(0, e, c, w, b, k, r[0]));
                double[] atr = one(n, (b, k, r) -> CORE.atr(0, e, h, l, c, aw, b, k, r[0]));
                double[] up = new double[n], mid = new double[n], lo = new double[n];
                int lb = Math.max(w - 1, aw);
                for (int i = 0; i < n; i++) {
                    boolean ok = i >= lb;
                    mid[i] = ok ? ema[i] : Double.NaN;
                    up[i] = ok ? ema[i] + atr[i] * mult : Double.NaN;
                    lo[i] = ok ? ema[i] - atr[i] * mult : Double.NaN;
                }
                m.put("upper", up);
                m.put("middle", mid);
                m.put("lower", lo);
            }
            case "donchian" -> {
                int w = p.getInt("period");
                double[] up = one(n, (b, k, r) -> CORE.max(0, e, h, w, b, k, r[0]));
                double[] lo = one(n, (b, k, r) -> CORE.min(0, e, l, w, b, k, r[0]));
                double[] mid = new double[n];
                for (int i = 0; i < n; i++) mid[i] = (up[i] + lo[i]) / 2.0;
                m.put("upper", up);
                m.put("middle", mid);
                m.put("lower", lo);
            }
            default -> throw new IllegalArgumentException("no TA-Lib reference for " + type);
        }
        return m;
    }

    /**
     * Asserts {@code |ours − ref| ≤ rel · max(|ref|, scale)} for every index where ref is defined, and that ours is NaN
     * exactly where ref is NaN. {@code scale} is the mean |ref| over the valid range: it keeps the test relative at
     * zero crossings (MACD hist, OBV) where a pure relative error is meaningless. Returns the largest observed
     * {@code |ours − ref| / max(|ref|, scale)}.
     */
    static double compare(String what, double[] ours, double[] ref, double rel) {
        if (ours.length != ref.length) throw new AssertionError(what + ": length " + ours.length + " != " + ref.length);
        double scale = Arrays.stream(ref).filter(x -> !Double.isNaN(x)).map(Math::abs).average().orElse(0);
        double worst = 0;
        int valid = 0;
        for (int i = 0; i < ref.length; i++) {
            boolean rn = Double.isNaN(ref[i]), on = Double.isNaN(ours[i]);
            if (rn != on)
                throw new AssertionError(what + ": at index " + i + " ours=" + ours[i] + " TA-Lib=" + ref[i] + " (NaN mismatch: warm-up differs)");
            if (rn) continue;
            valid++;
            double denom = Math.max(Math.abs(ref[i]), scale);
            double err = denom == 0 ? Math.abs(ours[i] - ref[i]) : Math.abs(ours[i] - ref[i]) / denom;
            if (!(err <= rel))
                throw new AssertionError(what + ": at index " + i + " ours=" + ours[i] + " TA-Lib=" + ref[i] + " relative error " + err + " > " + rel);
            worst = Math.max(worst, err);
        }
        if (valid == 0) throw new AssertionError(what + ": no valid values to compare");
        return worst;
    }
}
