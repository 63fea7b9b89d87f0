package vq.kernels.indicators;

import static vq.kernels.indicators.ParamSpec.period;
import static vq.kernels.indicators.ParamSpec.real;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indicator catalogue: every type the strategy DSL can name, by its YAML name. Values equal TA-Lib 0.4's
 * (the reference implementation; Java port {@code com.tictactec:ta-lib} 0.4.0) to 1e-9 relative after the warm-up,
 * except where noted; "warm-up" is the first valid index on a series starting at 0 (TA-Lib's lookback), NaN before.
 *
 * <table>
 * <caption>Catalogue (n = period; all periods in bars of the indicator's timeframe)</caption>
 * <tr><th>name</th><th>outputs</th><th>inputs</th><th>formula, source</th><th>warm-up</th></tr>
 * <tr><td>sma</td><td>sma</td><td>source</td><td>mean of the last n values (TA-Lib SMA)</td><td>n−1</td></tr>
 * <tr><td>ema</td><td>ema</td><td>source</td><td>k = 2/(n+1); seed = SMA of the first n values; y += k(x−y) (TA-Lib EMA,
 *     "classic" seed; some libraries seed with the first value instead)</td><td>n−1</td></tr>
 * <tr><td>wma</td><td>wma</td><td>source</td><td>linear weights n..1 (newest heaviest) / (n(n+1)/2) (TA-Lib WMA)</td><td>n−1</td></tr>
 * <tr><td>dema</td><td>dema</td><td>source</td><td>2·EMA − EMA(EMA), the inner EMA seeded on the outer's first n values
 *     (Mulloy 1994; TA-Lib DEMA)</td><td>2(n−1)</td></tr>
 * <tr><td>tema</td><td>tema</td><td>source</td><td>3·EMA − 3·EMA² + EMA³ (Mulloy 1994; TA-Lib TEMA)</td><td>3(n−1)</td></tr>
 * <tr><td>rsi</td><td>rsi</td><td>source</td><td>Wilder: average gain/loss seeded with the simple mean of the first n
 *     changes, then (prev·(n−1)+x)/n; 100·G/(G+L), 0 when G+L ≈ 0 (TA-Lib RSI; Cutler's SMA variant differs)</td><td>n</td></tr>
 * <tr><td>macd</td><td>macd, signal, hist</td><td>source</td><td>EMA(fast) − EMA(slow), signal = EMA(signal) of the line,
 *     hist = line − signal (Appel; TA-Lib MACD: the fast EMA is seeded so that both EMAs start at the slow one's first
 *     value, i.e. seed over x[slow−fast .. slow−1]; other libraries seed both at 0)</td><td>(slow−1)+(signal−1)</td></tr>
 * <tr><td>stoch</td><td>k, d</td><td>high, low, close</td><td>fast %K = 100·(c − LL_k)/(HH_k − LL_k) (0 when HH = LL);
 *     k = SMA(fast %K, k_smooth); d = SMA(k, d_period) (Lane; TA-Lib STOCH with SMA smoothing). Defaults 14/3/3
 *     (TA-Lib's are 5/3/3)</td><td>(k_period−1)+(k_smooth−1)+(d_period−1) for both</td></tr>
 * <tr><td>cci</td><td>cci</td><td>high, low, close</td><td>tp = (h+l+c)/3; (tp − SMA(tp))/(0.015·mean|tp − SMA(tp)|),
 *     0 when either is 0 (Lambert 1980; TA-Lib CCI)</td><td>n−1</td></tr>
 * <tr><td>willr</td><td>willr</td><td>high, low, close</td><td>−100·(HH − c)/(HH − LL), 0 when HH = LL (TA-Lib WILLR)</td><td>n−1</td></tr>
 * <tr><td>roc</td><td>roc</td><td>source</td><td>100·(x/x[i−n] − 1), 0 when x[i−n] = 0 (TA-Lib ROC)</td><td>n</td></tr>
 * <tr><td>atr</td><td>atr</td><td>high, low, close</td><td>TR = max(h−l, |h−c₋₁|, |l−c₋₁|); seed = mean of TR[1..n], then
 *     Wilder (prev·(n−1)+TR)/n (TA-Lib ATR; the first bar's TR = h−l is not used)</td><td>n</td></tr>
 * <tr><td>bbands</td><td>upper, middle, lower, width</td><td>source</td><td>middle = SMA; σ = population stddev
 *     sqrt(E[x²] − E[x]²) over n (0 when below 1e-8); upper/lower = middle ± stddev·σ; width = (upper − lower)/middle
 *     (Bollinger's BandWidth; not in TA-Lib). TA-Lib BBANDS with SMA; some libraries use the sample stddev (n−1)</td><td>n−1</td></tr>
 * <tr><td>keltner</td><td>upper, middle, lower</td><td>high, low, close</td><td>middle = EMA(close, period); upper/lower =
 *     middle ± multiplier·ATR(atr_period) (StockCharts' modern Keltner; Keltner's 1960 original used the SMA of the
 *     typical price and the average range). No TA-Lib function: checked against TA-Lib EMA and ATR</td><td>max(period−1, atr_period)</td></tr>
 * <tr><td>donchian</td><td>upper, middle, lower</td><td>high, low</td><td>upper = highest high of the last n bars
 *     <em>including the current one</em> (TA-Lib MAX), lower = lowest low (TA-Lib MIN), middle = (upper+lower)/2.
 *     A breakout rule must compare against the previous bar's channel</td><td>n−1</td></tr>
 * <tr><td>obv</td><td>obv</td><td>close, volume</td><td>starts at volume[0]; ± volume when close rises/falls, unchanged
 *     when equal (Granville; TA-Lib OBV)</td><td>0</td></tr>
 * <tr><td>vwap</td><td>vwap</td><td>high, low, close, volume, ts</td><td>Σ tp·v / Σ v with tp = (h+l+c)/3, sums reset at
 *     00:00 UTC (session-anchored). NaN while the session has no volume yet. No TA-Lib function</td><td>0</td></tr>
 * <tr><td>volume_sma</td><td>volume_sma</td><td>volume</td><td>SMA of volume</td><td>n−1</td></tr>
 * <tr><td>mfi</td><td>mfi</td><td>high, low, close, volume</td><td>flow = tp·v, positive when tp rises, negative when it falls;
 *     100·P/(P+N) over n bars, 0 when P+N &lt; 1 (TA-Lib MFI quirk)</td><td>n</td></tr>
 * <tr><td>adx</td><td>adx, plus_di, minus_di</td><td>high, low, close</td><td>Wilder DM/TR sums (first n−1 bars summed,
 *     then S − S/n + x), DI = 100·DM/TR, DX = 100·|+DI − −DI|/(+DI + −DI), ADX = mean of the first n DX then Wilder
 *     (TA-Lib ADX, PLUS_DI, MINUS_DI)</td><td>adx 2n−1; plus_di, minus_di n</td></tr>
 * <tr><td>ichimoku</td><td>tenkan, kijun, senkou_a, senkou_b, chikou</td><td>high, low, close</td><td>mid(k) = (HH_k + LL_k)/2;
 *     tenkan = mid(tenkan), kijun = mid(kijun); senkou_a[i] = (tenkan + kijun)[i − displacement]; senkou_b[i] =
 *     mid(senkou_b)[i − displacement] (the cloud as drawn at bar i). The classical chikou (close plotted displacement
 *     bars back) is not causal, so {@code chikou[i] = close[i − displacement]}: "chikou above price" is
 *     {@code close > ichimoku.chikou}. No TA-Lib function (Hosoda)</td><td>tenkan t−1, kijun k−1, senkou_a
 *     max(t,k)−1+d, senkou_b s−1+d, chikou d</td></tr>
 * </table>
 *
 * <p>All computations are in double precision. Bars are a plain sequence (gaps are not filled, as in TA-Lib).
 */
public final class Indicators {
    private static final Map<String, IndicatorType> TYPES = new LinkedHashMap<>();
    private static final List<Source> HLC = List.of(Source.HIGH, Source.LOW, Source.CLOSE);

    private static final String SRC = "price input";

    static {
        add(single("sma", "Simple Moving Average", "Arithmetic mean of the last period values (TA-Lib SMA).",
                List.of(period("period", 20, 1, "window in bars")), p -> p.getInt("period") - 1, MovingAverages::sma));
        add(single("ema", "Exponential Moving Average",
                "k = 2/(period+1), seeded with the SMA of the first period values, then y += k(x − y) (TA-Lib EMA).",
                List.of(period("period", 20, 2, "window in bars")), p -> p.getInt("period") - 1, MovingAverages::ema));
        add(single("wma", "Weighted Moving Average", "Linear weights period..1, newest heaviest (TA-Lib WMA).",
                List.of(period("period", 20, 2, "window in bars")), p -> p.getInt("period") - 1, MovingAverages::wma));
        add(single("dema", "Double Exponential Moving Average", "2·EMA − EMA(EMA) (Mulloy; TA-Lib DEMA).",
                List.of(period("period", 20, 2, "window in bars")), p -> 2 * (p.getInt("period") - 1), MovingAverages::dema));
        add(single("tema", "Triple Exponential Moving Average", "3·EMA − 3·EMA² + EMA³ (Mulloy; TA-Lib TEMA).",
                List.of(period("period", 20, 2, "window in bars")), p -> 3 * (p.getInt("period") - 1), MovingAverages::tema));
        add(single("rsi", "Relative Strength Index (Wilder)",
                "100·G/(G+L) with Wilder-smoothed average gain G and loss L, seeded by the mean of the first period changes (TA-Lib RSI).",
                List.of(period("period", 14, 2, "window in bars")), p -> p.getInt("period"), Oscillators::rsi));
        add(new IndicatorType("macd", "Moving Average Convergence/Divergence",
                "line = EMA(fast) − EMA(slow), signal = EMA(signal) of the line, hist = line − signal (TA-Lib MACD seeding).",
                List.of(period("fast", 12, 2, "fast EMA period"), period("slow", 26, 2, "slow EMA period"),
                        period("signal", 9, 1, "signal EMA period")),
                List.of("macd", "signal", "hist"), "macd", List.of(), Source.CLOSE,
                p -> all(3, Oscillators.macdLookback(p)), Oscillators::macd));
        add(new IndicatorType("stoch", "Stochastic Oscillator (slow)",
                "fast %K = 100·(close − LL)/(HH − LL) over k_period; k = SMA(fast %K, k_smooth); d = SMA(k, d_period) (TA-Lib STOCH, SMA smoothing).",
                List.of(period("k_period", 14, 1, "%K lookback"), period("k_smooth", 3, 1, "%K smoothing (SMA)"),
                        period("d_period", 3, 1, "%D period (SMA)")),
                List.of("k", "d"), "k", HLC, null,
                p -> all(2, p.getInt("k_period") - 1 + p.getInt("k_smooth") - 1 + p.getInt("d_period") - 1), Oscillators::stoch));
        add(fixed("cci", "Commodity Channel Index",
                "tp = (h+l+c)/3; (tp − SMA(tp))/(0.015 · mean absolute deviation) (Lambert; TA-Lib CCI).",
                List.of(period("period", 20, 2, "window in bars")), HLC, p -> p.getInt("period") - 1, Oscillators::cci));
        add(fixed("willr", "Williams %R", "−100·(HH − close)/(HH − LL) over period (TA-Lib WILLR).",
                List.of(period("period", 14, 2, "window in bars")), HLC, p -> p.getInt("period") - 1, Oscillators::willr));
        add(single("roc", "Rate of Change", "100·(x / x[period bars ago] − 1) (TA-Lib ROC).",
                List.of(period("period", 10, 1, "lag in bars")), p -> p.getInt("period"), Oscillators::roc));
        add(fixed("atr", "Average True Range (Wilder)",
                "TR = max(h − l, |h − prev close|, |l − prev close|); mean of the first period TRs, then Wilder smoothing (TA-Lib ATR).",
                List.of(period("period", 14, 1, "window in bars")), HLC, p -> p.getInt("period"), Volatility::atr));
        add(new IndicatorType("bbands", "Bollinger Bands",
                "middle = SMA, upper/lower = middle ± stddev·σ (population σ), width = (upper − lower)/middle (TA-Lib BBANDS + BandWidth).",
                List.of(period("period", 20, 2, "window in bars"), real("stddev", 2.0, 0.0, 100.0, "band width in standard deviations")),
                List.of("upper", "middle", "lower", "width"), "middle", List.of(), Source.CLOSE,
                p -> all(4, p.getInt("period") - 1), Volatility::bbands));
        add(new IndicatorType("keltner", "Keltner Channels",
                "middle = EMA(close, period), upper/lower = middle ± multiplier·ATR(atr_period) (StockCharts convention).",
                List.of(period("period", 20, 2, "EMA period"), period("atr_period", 10, 1, "ATR period"),
                        real("multiplier", 2.0, 0.0, 100.0, "ATR multiple")),
                List.of("upper", "middle", "lower"), "middle", HLC, null,
                p -> all(3, Math.max(p.getInt("period") - 1, p.getInt("atr_period"))), Volatility::keltner));
        add(new IndicatorType("donchian", "Donchian Channels",
                "upper = highest high, lower = lowest low of the last period bars including the current one, middle = midpoint (TA-Lib MAX/MIN).",
                List.of(period("period", 20, 2, "window in bars")),
                List.of("upper", "middle", "lower"), "middle", List.of(Source.HIGH, Source.LOW), null,
                p -> all(3, p.getInt("period") - 1), Volatility::donchian));
        add(fixed("obv", "On-Balance Volume", "Cumulative volume signed by the close's direction, starting at volume[0] (TA-Lib OBV).",
                List.of(), List.of(Source.CLOSE, Source.VOLUME), p -> 0, VolumeIndicators::obv));
        add(fixed("vwap", "Volume-Weighted Average Price (UTC day)",
                "Σ tp·volume / Σ volume with tp = (h+l+c)/3, reset at 00:00 UTC; NaN until the session has volume.",
                List.of(), List.of(Source.HIGH, Source.LOW, Source.CLOSE, Source.VOLUME), p -> 0, VolumeIndicators::vwap));
        add(fixed("volume_sma", "Volume Simple Moving Average", "SMA of volume over period (TA-Lib SMA on volume).",
                List.of(period("period", 20, 1, "window in bars")), List.of(Source.VOLUME), p -> p.getInt("period") - 1,
                VolumeIndicators::volumeSma));
        add(fixed("mfi", "Money Flow Index", "100·P/(P+N) of positive/negative money flow tp·volume over period (TA-Lib MFI).",
                List.of(period("period", 14, 2, "window in bars")), List.of(Source.HIGH, Source.LOW, Source.CLOSE, Source.VOLUME),
                p -> p.getInt("period"), VolumeIndicators::mfi));
        add(new IndicatorType("adx", "Average Directional Index (Wilder)",
                "Wilder's +DI/−DI from smoothed directional movement and true range; ADX = Wilder-smoothed DX (TA-Lib ADX, PLUS_DI, MINUS_DI).",
                List.of(period("period", 14, 2, "window in bars")),
                List.of("adx", "plus_di", "minus_di"), "adx", HLC, null,
                p -> new int[] {2 * p.getInt("period") - 1, p.getInt("period"), p.getInt("period")}, Trend::adx));
        add(new IndicatorType("ichimoku", "Ichimoku Kinko Hyo",
                "tenkan/kijun = midpoints of highest high and lowest low; senkou A/B = cloud as drawn at the bar (shifted by displacement); chikou = close displacement bars ago (causal form).",
                List.of(period("tenkan", 9, 1, "conversion line period"), period("kijun", 26, 1, "base line period"),
                        period("senkou_b", 52, 1, "leading span B period"), period("displacement", 26, 0, "forward shift of the cloud in bars")),
                List.of("tenkan", "kijun", "senkou_a", "senkou_b", "chikou"), "tenkan", HLC, null,
                Trend::ichimokuWarmup, Trend::ichimoku));
    }

    private Indicators() {}

    private static int[] all(int outputs, int w) {
        int[] a = new int[outputs];
        java.util.Arrays.fill(a, w);
        return a;
    }

    private interface IntWarmup { int of(Params p); }

    private static IndicatorType single(String name, String title, String desc, List<ParamSpec> params, IntWarmup w,
                                        IndicatorType.Kernel k) {
        return new IndicatorType(name, title, desc, params, List.of(name), name, List.of(), Source.CLOSE, p -> new int[] {w.of(p)}, k);
    }

    private static IndicatorType fixed(String name, String title, String desc, List<ParamSpec> params, List<Source> inputs,
                                       IntWarmup w, IndicatorType.Kernel k) {
        return new IndicatorType(name, title, desc, params, List.of(name), name, inputs, null, p -> new int[] {w.of(p)}, k);
    }

    private static void add(IndicatorType t) {
        if (TYPES.put(t.name(), t) != null) throw new IllegalStateException("duplicate indicator " + t.name());
    }

    /** All types, in catalogue order. */
    public static List<IndicatorType> all() { return List.copyOf(TYPES.values()); }

    /** YAML names, in catalogue order. */
    public static List<String> names() { return List.copyOf(TYPES.keySet()); }

    /** The type named {@code name} (exact, lower case), or null. */
    public static IndicatorType find(String name) { return TYPES.get(name); }

    /**
     * The type named {@code name}; {@link IllegalArgumentException} otherwise, suggesting the nearest name
     * ("unknown indicator 'rsl'; did you mean 'rsi'?").
     */
    public static IndicatorType get(String name) {
        IndicatorType t = TYPES.get(name);
        if (t != null) return t;
        String near = nearest(name);
        throw new IllegalArgumentException("unknown indicator '" + name + "'" + (near != null ? "; did you mean '" + near + "'?"
                : " (known: " + String.join(", ", TYPES.keySet()) + ")"));
    }

    /** The catalogue name closest to {@code name} by edit distance (≤ 2, or a case-insensitive match), or null. */
    public static String nearest(String name) {
        if (name == null) return null;
        String best = null;
        int bestD = Integer.MAX_VALUE;
        List<String> names = new ArrayList<>(TYPES.keySet());
        Collections.sort(names);
        for (String n : names) {
            int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), n);
            if (d < bestD) { bestD = d; best = n; }
        }
        return bestD <= Math.max(2, name.length() / 3) ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
