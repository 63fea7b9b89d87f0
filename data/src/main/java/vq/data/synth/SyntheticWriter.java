package vq.data.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import vq.columnar.AtomicFiles;
import vq.columnar.InputException;
import vq.data.fetch.VisionLayout;
import vq.data.fetch.VisionLayout.Market;
import vq.data.fetch.VisionLayout.Period;

/**
 * Writes a {@link SyntheticMarket} as Binance Vision USDⓈ-M files, so that demos and tests go through the real
 * import path:
 *
 * <pre>
 * OUT/README.txt                                                       says SYNTHETIC, seed, model, layout
 * OUT/data/futures/um/daily/klines/SYN…/1m/SYN…-1m-YYYY-MM-DD.zip      (+ .CHECKSUM) one CSV each, with the
 *     futures header open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,
 *     taker_buy_quote_volume,ignore; times in epoch ms, close_time = open_time + 59,999
 * OUT/data/futures/um/monthly/fundingRate/SYN…/SYN…-fundingRate-YYYY-MM.zip (+ .CHECKSUM) with the header
 *     calc_time,funding_interval_hours,last_funding_rate
 * </pre>
 *
 * Every file is written atomically (temp + rename). Output is bit-identical for the same symbols, range and
 * seed: CSV text is formatted from scaled integers, ZIP entries carry a fixed timestamp derived from the data's
 * date (not the wall clock), and the compression level is fixed (1, fastest) (byte equality of the ZIPs assumes the same
 * zlib; the CSVs inside are identical everywhere).
 */
public final class SyntheticWriter {
    /** Header of Binance USDⓈ-M kline CSVs. */
    public static final String KLINE_HEADER =
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";
    /** Header of Binance USDⓈ-M fundingRate CSVs. */
    public static final String FUNDING_HEADER = "calc_time,funding_interval_hours,last_funding_rate";

    /** What was written: files (ZIPs, without CHECKSUMs), bar rows per symbol, funding rows per symbol. */
    public record Result(Path root, List<Path> klineFiles, List<Path> fundingFiles, long barsPerSymbol, long fundingPerSymbol) {
        public List<Path> allZips() {
            List<Path> all = new ArrayList<>(klineFiles);
            all.addAll(fundingFiles);
            return all;
        }
    }

    private SyntheticWriter() {}

    /**
     * Generates the market for the UTC days {@code from..to} (inclusive) and writes it under {@code out}.
     *
     * @param progress called with the number of days finished so far (may be null)
     * @throws InputException if the range is empty or longer than 20 years
     */
    public static Result write(List<SyntheticMarket.SymbolSpec> specs, LocalDate from, LocalDate to, long seed, Path out,
                               IntConsumer progress) {
        if (to.isBefore(from)) throw new InputException("--to " + to + " is before --from " + from);
        if (from.plusYears(20).isBefore(to)) throw new InputException("synthetic range longer than 20 years");
        SyntheticMarket market = new SyntheticMarket(specs, seed);
        List<Path> klines = new ArrayList<>(), fundingFiles = new ArrayList<>();
        int n = specs.size();
        List<List<SyntheticMarket.Funding>> monthFunding = new ArrayList<>();
        for (int i = 0; i < n; i++) monthFunding.add(new ArrayList<>());
        YearMonth month = YearMonth.from(from);
        long days = 0, fundingRows = 0;
        try {
            Files.createDirectories(out);
            writeReadme(out, specs, from, to, seed);
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (!YearMonth.from(d).equals(month)) {
                    fundingRows += flushFunding(out, specs, month, monthFunding, fundingFiles);
                    month = YearMonth.from(d);
                }
                SyntheticMarket.Day day = market.generate(d);
                LocalDate dd = d;
                Path[] zips = new Path[n];
                // formatting and compressing the symbols' files is independent: done in parallel (output unchanged)
                java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                    String sym = specs.get(i).symbol();
                    zips[i] = out.resolve(VisionLayout.path(Market.FUTURES_UM, Period.DAILY, "klines", sym, "1m", dd.toString()));
                    try {
                        writeZip(zips[i], VisionLayout.fileName("klines", sym, "1m", dd.toString()).replace(".zip", ".csv"),
                                klineCsv(day.bars().get(i)), dd.atStartOfDay());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write " + zips[i] + ": " + e.getMessage(), e);
                    }
                });
                for (int i = 0; i < n; i++) {
                    klines.add(zips[i]);
                    monthFunding.get(i).addAll(day.funding().get(i));
                }
                days++;
                if (progress != null) progress.accept((int) days);
            }
            fundingRows += flushFunding(out, specs, month, monthFunding, fundingFiles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic data under " + out + ": " + e.getMessage(), e);
        }
        return new Result(out, klines, fundingFiles, days * SyntheticMarket.MINUTES_PER_DAY, fundingRows / n);
    }

    private static long flushFunding(Path out, List<SyntheticMarket.SymbolSpec> specs, YearMonth month,
                                     List<List<SyntheticMarket.Funding>> monthFunding, List<Path> files) throws IOException {
        long rows = 0;
        for (int i = 0; i < specs.size(); i++) {
            List<SyntheticMarket.Funding> f = monthFunding.get(i);
            if (f.isEmpty()) continue;
            String sym = specs.get(i).symbol();
            String rel = VisionLayout.path(Market.FUTURES_UM, Period.MONTHLY, "fundingRate", sym, null, month.toString());
            Path zip = out.resolve(rel);
            StringBuilder sb = new StringBuilder(FUNDING_HEADER).append('\n');
            for (SyntheticMarket.Funding e : f) {
                sb.append(e.timeMs()).append(",8,");
                appendFixed(sb, e.rateE8(), 8);
                sb.append('\n');
            }
            writeZip(zip, sym + "-fundingRate-" + month + ".csv", sb.toString(), month.atDay(1).atStartOfDay());
            files.add(zip);
            rows += f.size();
            f.clear();
        }
        return rows;
    }

    static String klineCsv(SyntheticMarket.DayBars b) {
        int pd = b.spec.priceDecimals(), qd = b.spec.qtyDecimals();
        StringBuilder sb = new StringBuilder(SyntheticMarket.MINUTES_PER_DAY * 110).append(KLINE_HEADER).append('\n');
        for (int m = 0; m < SyntheticMarket.MINUTES_PER_DAY; m++) {
            long t = b.openTimeMs(m);
            sb.append(t).append(',');
            appendFixed(sb, b.open[m], pd).append(',');
            appendFixed(sb, b.high[m], pd).append(',');
            appendFixed(sb, b.low[m], pd).append(',');
            appendFixed(sb, b.close[m], pd).append(',');
            appendFixed(sb, b.volume[m], qd).append(',');
            sb.append(t + 59_999).append(',');
            appendFixed(sb, b.quoteVolume[m], 4).append(',');
            sb.append(b.trades[m]).append(',');
            appendFixed(sb, b.takerBuyVolume[m], qd).append(',');
            appendFixed(sb, b.takerBuyQuoteVolume[m], 4).append(",0\n");
        }
        return sb.toString();
    }

    /** Appends {@code scaled / 10^decimals} in plain fixed-point notation (exact, no floating point). */
    static StringBuilder appendFixed(StringBuilder sb, long scaled, int decimals) {
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        if (decimals == 0) return sb.append(scaled);
        long p = 1;
        for (int i = 0; i < decimals; i++) p *= 10;
        sb.append(scaled / p).append('.');
        String frac = Long.toString(scaled % p);
        for (int i = frac.length(); i < decimals; i++) sb.append('0');
        return sb.append(frac);
    }

    private static void writeZip(Path zip, String entryName, String csv, LocalDateTime entryTime) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(csv.length() / 3 + 1024);
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.setLevel(Deflater.BEST_SPEED); // 4-7x faster than level 6 for ~18% larger files
            ZipEntry e = new ZipEntry(entryName);
            e.setTimeLocal(entryTime);
            z.putNextEntry(e);
            z.write(csv.getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        byte[] data = bytes.toByteArray();
        writeAtomic(zip, data);
        writeAtomic(zip.resolveSibling(zip.getFileName() + ".CHECKSUM"),
                VisionLayout.checksumLine(sha256(data), zip.getFileName().toString()).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Temp file + atomic rename, without fsync: a crash leaves either the old file or the new one, never a torn
     * one, but the data may not be on disk yet. Synthetic files can always be regenerated, and fsyncing hundreds of
     * small files made synthesis ~10× slower on a busy machine.
     */
    private static void writeAtomic(Path target, byte[] data) throws IOException {
        Path tmp = AtomicFiles.tempFor(target);
        Files.createDirectories(target.getParent());
        try {
            Files.write(tmp, data);
            AtomicFiles.move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeReadme(Path out, List<SyntheticMarket.SymbolSpec> specs, LocalDate from, LocalDate to, long seed) {
        AtomicFiles.write(out.resolve("README.txt"), readme(specs, from, to, seed).getBytes(StandardCharsets.UTF_8));
    }

    /** The README.txt written with a market (identifies it: same text = same files). */
    public static String readme(List<SyntheticMarket.SymbolSpec> specs, LocalDate from, LocalDate to, long seed) {
        StringBuilder sb = new StringBuilder();
        sb.append("SYNTHETIC MARKET DATA — NOT REAL. Generated by `vq data synth`; do not use for research conclusions.\n\n");
        sb.append("seed: ").append(seed).append('\n');
        sb.append("days (UTC, inclusive): ").append(from).append(" .. ").append(to).append('\n');
        sb.append("symbols (all prefixed ").append(SyntheticMarket.PREFIX).append(" so they cannot be confused with real ones):\n");
        for (SyntheticMarket.SymbolSpec s : specs)
            sb.append("  ").append(s.symbol()).append(": start price ").append(s.startPrice()).append(", annual vol ")
                    .append(s.annualVol()).append(", market loading ").append(s.marketLoading()).append(", tick 1e-")
                    .append(s.priceDecimals()).append(", mean volume/min ").append(s.meanVolume()).append('\n');
        sb.append("""

                Model: GARCH(1,1) volatility clustering (alpha 0.06, beta 0.93) on 1-minute log returns, a shared market
                factor (correlated symbols), market-wide and idiosyncratic jumps, intraday/weekend seasonality of
                volatility and volume, and 8-hourly funding (00/08/16 UTC) from an AR(1) premium with Binance's
                clamp(0.01% - premium, +-0.05%) rule. See vq.data.synth.SyntheticMarket for the exact formulas.

                Layout (Binance Vision, USD-M futures):
                  data/futures/um/daily/klines/<SYMBOL>/1m/<SYMBOL>-1m-YYYY-MM-DD.zip (+ .CHECKSUM)
                  data/futures/um/monthly/fundingRate/<SYMBOL>/<SYMBOL>-fundingRate-YYYY-MM.zip (+ .CHECKSUM)
                Same seed, symbols and days => the same files, byte for byte.
                """);
        return sb.toString();
    }
}
