package vq.data.synth;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vq.columnar.InputException;

/**
 * A deterministic synthetic USDⓈ-M perpetual market: correlated 1-minute bars and 8-hourly funding rates for
 * several symbols, for demos and tests. It is <b>not</b> market data: every symbol name starts with
 * {@value #PREFIX} and {@link SyntheticWriter} writes a README.txt saying so.
 *
 * <h2>Model (per minute t, symbol i)</h2>
 * <ul>
 *   <li>Returns: {@code r = s(t)·sqrt(h_i)·(ρ_i·z_m + sqrt(1−ρ_i²)·z_i) + J}, with z_m a market factor shared by
 *       all symbols and z_i idiosyncratic, both N(0,1); ρ_i is the symbol's loading on the market factor, so two
 *       symbols' minute returns correlate ≈ ρ_i·ρ_j.</li>
 *   <li>Volatility clustering: GARCH(1,1) (Bollerslev 1986) on the de-seasonalised return
 *       {@code h ← ω + α·(r/s)² + β·h}, α = 0.06, β = 0.93, ω = σ̄²(1−α−β) so the long-run variance is σ̄² =
 *       (annual vol)²/525,600; h is capped at 30σ̄² so a jump cannot explode it.</li>
 *   <li>Jumps (Merton 1976 style): market-wide jumps (≈ 1 per 2 days, size N(0, (12σ̄)²) scaled by ρ_i) and
 *       idiosyncratic jumps (≈ 1 per 3 days, size N(0, (10σ̄)²)).</li>
 *   <li>Intraday seasonality s(t) = 1 + 0.35·cos(2π(hour − 15)/24) (busiest around the US open), ×0.75 on weekends,
 *       applied to volatility and volume.</li>
 *   <li>Bars: open = previous close, close = exp(log price), high/low extend max/min(open, close) by
 *       s·sqrt(h)·|N|·0.6, all rounded to the symbol's tick (rounding is monotone, so low ≤ min(o, c) ≤ max(o, c)
 *       ≤ high always holds). Volume = V̄·s·(0.35 + 0.65·|r|/(s·σ̄))·lognormal(σ = 0.35), rounded to the lot;
 *       trades ≈ volume / mean trade size; taker-buy share = 0.5 + 0.25·tanh(r/(s·sqrt h)) + noise, in [0.02, 0.98];
 *       quote volumes use the bar's (o+h+l+c)/4 as price.</li>
 *   <li>Funding at 00:00, 08:00, 16:00 UTC: a premium index P follows
 *       {@code P ← 0.7·P + 0.3·(0.0001 + 0.0006·tanh(R8/σ8)) + 0.00015·N} (R8 = log return of the last 8 h, σ8 its
 *       long-run stdev), and the rate is Binance's {@code P + clamp(0.0001 − P, −0.0005, 0.0005)} clamped to ±0.0075,
 *       rounded to 1e-8 — so, as on the exchange, many events print exactly 0.0001.</li>
 * </ul>
 *
 * <p>Determinism: all randomness comes from one {@link SplitMix64} per market seeded with {@code seed}, drawn in a
 * fixed order (day by day, minute by minute, symbols in the given order), and only {@link StrictMath} is used on
 * random values, so a seed gives bit-identical bars on any JDK/CPU. Not thread-safe: one instance generates one
 * market, day after day.
 */
public final class SyntheticMarket {
    /** Every synthetic symbol starts with this, so it can never be mistaken for a real Binance symbol. */
    public static final String PREFIX = "SYN";
    public static final int MINUTES_PER_DAY = 1440;
    static final double MINUTES_PER_YEAR = 365.0 * MINUTES_PER_DAY;
    private static final double ALPHA = 0.06, BETA = 0.93, H_CAP = 30.0;
    private static final double MARKET_JUMP_PER_MIN = 0.5 / MINUTES_PER_DAY, MARKET_JUMP_SD = 12.0;
    private static final double IDIO_JUMP_PER_MIN = (1.0 / 3.0) / MINUTES_PER_DAY, IDIO_JUMP_SD = 10.0;

    /**
     * Parameters of one synthetic symbol.
     *
     * @param symbol         name, starting with {@value #PREFIX}
     * @param startPrice     price at the first minute (quote currency, USDT)
     * @param annualVol      long-run annualised volatility of log returns (fraction, e.g. 0.6)
     * @param marketLoading  ρ, loading on the shared market factor in [0, 1]
     * @param priceDecimals  decimals of the tick (tick = 10^-priceDecimals)
     * @param qtyDecimals    decimals of the lot (base asset)
     * @param meanVolume     mean volume per minute in base units
     * @param meanTradeSize  mean size of one trade in base units
     */
    public record SymbolSpec(String symbol, double startPrice, double annualVol, double marketLoading, int priceDecimals,
                             int qtyDecimals, double meanVolume, double meanTradeSize) {
        public SymbolSpec {
            if (symbol == null || !symbol.startsWith(PREFIX))
                throw new InputException("synthetic symbol '" + symbol + "' must start with " + PREFIX);
            if (!(startPrice > 0) || !(annualVol > 0) || !(marketLoading >= 0 && marketLoading <= 1) || !(meanVolume > 0)
                    || !(meanTradeSize > 0) || priceDecimals < 0 || priceDecimals > 8 || qtyDecimals < 0 || qtyDecimals > 8)
                throw new InputException("invalid synthetic symbol parameters for " + symbol);
        }

        /** Defaults shaped like BTC, ETH and SOL perps (price level, vol, tick, lot, volume); others get a generic alt. */
        public static SymbolSpec defaults(String name) {
            String s = name.toUpperCase(Locale.ROOT);
            if (!s.startsWith(PREFIX)) s = PREFIX + s;
            String base = s.substring(PREFIX.length());
            return switch (base) {
                case "BTCUSDT" -> new SymbolSpec(s, 42_000, 0.55, 0.95, 1, 3, 180, 0.05);
                case "ETHUSDT" -> new SymbolSpec(s, 2_300, 0.65, 0.85, 2, 3, 2_400, 0.6);
                case "SOLUSDT" -> new SymbolSpec(s, 100, 0.95, 0.75, 3, 0, 25_000, 12);
                default -> new SymbolSpec(s, 10, 1.0, 0.6, 4, 1, 50_000, 40);
            };
        }
    }

    /** One day of 1-minute bars of one symbol, in scaled integers (price × 10^priceDecimals, qty × 10^qtyDecimals). */
    public static final class DayBars {
        public final SymbolSpec spec;
        public final LocalDate day;
        public final long[] open = new long[MINUTES_PER_DAY], high = new long[MINUTES_PER_DAY], low = new long[MINUTES_PER_DAY],
                close = new long[MINUTES_PER_DAY], volume = new long[MINUTES_PER_DAY], takerBuyVolume = new long[MINUTES_PER_DAY],
                trades = new long[MINUTES_PER_DAY];
        /** Quote volumes × 10^4. */
        public final long[] quoteVolume = new long[MINUTES_PER_DAY], takerBuyQuoteVolume = new long[MINUTES_PER_DAY];

        DayBars(SymbolSpec spec, LocalDate day) {
            this.spec = spec;
            this.day = day;
        }

        /** Open time of minute {@code m} in epoch ms. */
        public long openTimeMs(int m) {
            return day.toEpochSecond(java.time.LocalTime.MIDNIGHT, ZoneOffset.UTC) * 1000L + m * 60_000L;
        }
    }

    /** One funding event: time (epoch ms, exactly on 00/08/16 UTC) and rate × 10^8. */
    public record Funding(long timeMs, long rateE8) {
        public double rate() { return rateE8 / 1e8; }
    }

    /** The output of one generated day: bars per symbol (in spec order) and funding events per symbol. */
    public record Day(LocalDate day, List<DayBars> bars, List<List<Funding>> funding) {}

    private final List<SymbolSpec> specs;
    private final SplitMix64 rng;
    private final double[] logPrice, h, sigmaBar, premium, logPrice8hAgo;
    private final long[] lastClose;

    public SyntheticMarket(List<SymbolSpec> specs, long seed) {
        if (specs.isEmpty()) throw new InputException("synthetic market needs at least one symbol");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SymbolSpec s : specs) if (!seen.add(s.symbol())) throw new InputException("duplicate synthetic symbol " + s.symbol());
        this.specs = List.copyOf(specs);
        this.rng = new SplitMix64(SplitMix64.mix(seed ^ 0x5EED_5EED_5EEDL));
        int n = specs.size();
        logPrice = new double[n];
        h = new double[n];
        sigmaBar = new double[n];
        premium = new double[n];
        logPrice8hAgo = new double[n];
        lastClose = new long[n];
        for (int i = 0; i < n; i++) {
            SymbolSpec s = specs.get(i);
            logPrice[i] = StrictMath.log(s.startPrice());
            logPrice8hAgo[i] = logPrice[i];
            sigmaBar[i] = s.annualVol() / StrictMath.sqrt(MINUTES_PER_YEAR);
            h[i] = sigmaBar[i] * sigmaBar[i];
            premium[i] = 0.0001;
            lastClose[i] = Math.round(s.startPrice() * pow10(s.priceDecimals()));
        }
    }

    public List<SymbolSpec> specs() { return specs; }

    static double pow10(int d) {
        double p = 1;
        for (int i = 0; i < d; i++) p *= 10;
        return p;
    }

    /** Intraday/weekly activity multiplier s(t) for minute {@code m} of {@code day}. */
    static double season(LocalDate day, int m) {
        double hour = m / 60.0;
        double s = 1.0 + 0.35 * StrictMath.cos(2 * StrictMath.PI * (hour - 15.0) / 24.0);
        int dow = day.getDayOfWeek().getValue();
        return dow >= 6 ? s * 0.75 : s;
    }

    /** Generates the next day. Days must be requested in order without skipping (the state carries over). */
    public Day generate(LocalDate day) {
        int n = specs.size();
        List<DayBars> bars = new ArrayList<>(n);
        List<List<Funding>> funding = new ArrayList<>(n);
        double[] scale = new double[n], px = new double[n];
        for (int i = 0; i < n; i++) {
            SymbolSpec s = specs.get(i);
            bars.add(new DayBars(s, day));
            funding.add(new ArrayList<>(3));
            scale[i] = pow10(s.priceDecimals());
            px[i] = pow10(s.qtyDecimals());
        }
        for (int m = 0; m < MINUTES_PER_DAY; m++) {
            if (m % 480 == 0) { // funding at 00:00, 08:00, 16:00 UTC, from the 8 h before
                for (int i = 0; i < n; i++) {
                    double sigma8 = sigmaBar[i] * StrictMath.sqrt(480.0);
                    double r8 = logPrice[i] - logPrice8hAgo[i];
                    premium[i] = 0.7 * premium[i] + 0.3 * (0.0001 + 0.0006 * StrictMath.tanh(r8 / sigma8)) + 0.00015 * rng.nextGaussian();
                    double rate = premium[i] + Math.clamp(0.0001 - premium[i], -0.0005, 0.0005);
                    rate = Math.clamp(rate, -0.0075, 0.0075);
                    funding.get(i).add(new Funding(bars.get(i).openTimeMs(m), Math.round(rate * 1e8)));
                    logPrice8hAgo[i] = logPrice[i];
                }
            }
            double seasonal = season(day, m);
            double zm = rng.nextGaussian();
            boolean marketJump = rng.nextDouble() < MARKET_JUMP_PER_MIN;
            double jm = marketJump ? rng.nextGaussian() * MARKET_JUMP_SD : 0;
            for (int i = 0; i < n; i++) {
                SymbolSpec s = specs.get(i);
                DayBars b = bars.get(i);
                double rho = s.marketLoading();
                double zi = rng.nextGaussian();
                double sd = StrictMath.sqrt(h[i]);
                double jump = marketJump ? rho * jm * sigmaBar[i] : 0;
                if (rng.nextDouble() < IDIO_JUMP_PER_MIN) jump += rng.nextGaussian() * IDIO_JUMP_SD * sigmaBar[i];
                double r = seasonal * sd * (rho * zm + StrictMath.sqrt(1 - rho * rho) * zi) + jump;
                double u = r / seasonal;
                h[i] = Math.min(sigmaBar[i] * sigmaBar[i] * (1 - ALPHA - BETA) + ALPHA * u * u + BETA * h[i],
                        H_CAP * sigmaBar[i] * sigmaBar[i]);
                logPrice[i] += r;
                long o = lastClose[i];
                long c = Math.max(1, Math.round(StrictMath.exp(logPrice[i]) * scale[i]));
                double range = seasonal * sd * 0.6;
                long hi = Math.round(Math.max(o, c) * StrictMath.exp(range * Math.abs(rng.nextGaussian())));
                long lo = Math.max(1, Math.round(Math.min(o, c) * StrictMath.exp(-range * Math.abs(rng.nextGaussian()))));
                double vol = s.meanVolume() * seasonal * (0.35 + 0.65 * Math.abs(r) / (seasonal * sigmaBar[i]))
                        * StrictMath.exp(0.35 * rng.nextGaussian() - 0.06125);
                long v = Math.max(1, Math.round(vol * px[i]));
                double price = (o + hi + lo + c) / (4.0 * scale[i]);
                double vBase = v / px[i];
                long trades = Math.max(1, Math.round(vBase / s.meanTradeSize() * StrictMath.exp(0.2 * rng.nextGaussian())));
                double share = Math.clamp(0.5 + 0.25 * StrictMath.tanh(r / (seasonal * sd)) + 0.05 * rng.nextGaussian(), 0.02, 0.98);
                long tbv = Math.round(v * share);
                b.open[m] = o;
                b.high[m] = hi;
                b.low[m] = lo;
                b.close[m] = c;
                b.volume[m] = v;
                b.trades[m] = trades;
                b.takerBuyVolume[m] = tbv;
                b.quoteVolume[m] = Math.round(vBase * price * 1e4);
                b.takerBuyQuoteVolume[m] = Math.round(tbv / px[i] * price * 1e4);
                lastClose[i] = c;
            }
        }
        return new Day(day, bars, funding);
    }
}
