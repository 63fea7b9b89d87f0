package vq.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vq.columnar.InputException;
import vq.columnar.Intervals;

/**
 * Resolves a source file to catalog key parts and kind, in this order: explicit options; the Binance Vision
 * file name ({@code SYMBOL-<interval|kind>-YYYY-MM[-DD][-suffix].(zip|csv)}); the directories above it
 * ({@code spot}, {@code futures/um}, {@code usdm}, {@code markPriceKlines}, an interval such as {@code 1h});
 * the file's header row; per-kind defaults (Binance publishes funding, mark prices and bookTicker only for
 * futures, so those default to {@code futures-um}). What cannot be resolved is an {@link InputException} that
 * says which option to pass.
 */
final class SourceResolver {
    private static final Pattern BINANCE = Pattern.compile(
            "^([A-Z0-9]{2,40})-([A-Za-z0-9]+)-(\\d{4}-\\d{2})(?:-(\\d{2}))?(?:-[A-Za-z0-9_]+)?\\.(?:zip|csv)$");
    private static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9]{3,40}$");
    private static final Pattern INTERVAL = Pattern.compile("^\\d{1,4}[smhdw]$");
    private static final Pattern CAPTURE_LINE = Pattern.compile("^\\d{10,19} \\{.*");
    /** Token separators of directory names and file-name stems (compiled once: resolving runs per file). */
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+"), STEM_END = Pattern.compile("[._-]");

    private SourceResolver() {}

    static Resolved resolve(SourceFile f, ImportOptions o) {
        String name = f.name();
        String venue = o.venue() != null ? o.venue() : "binance";
        String symbol = o.symbol(), interval = o.interval(), market = o.market();
        SourceKind kind = o.kind();
        long sort = Long.MIN_VALUE;
        Matcher m = BINANCE.matcher(name);
        if (m.matches()) {
            if (symbol == null) symbol = m.group(1);
            String mid = m.group(2);
            if (INTERVAL.matcher(mid).matches()) {
                if (interval == null) interval = mid;
                if (kind == null) kind = klineKindFromPath(f.path());
            } else if (kind == null) kind = binanceKind(mid, name);
            YearMonth ym = YearMonth.parse(m.group(3));
            LocalDate d = m.group(4) == null ? ym.atDay(1) : ym.atDay(Integer.parseInt(m.group(4)));
            sort = d.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * Intervals.NANOS_PER_SECOND;
        }
        byte[] head = null;
        if (kind == null) {
            head = peek(f, o);
            kind = kindFromContent(head, name);
        }
        if (symbol == null) symbol = symbolFromName(name);
        if (market == null) market = marketFromPath(f.path());
        if (market == null) market = switch (kind) {
            case FUNDING_RATE, MARK_PRICE_KLINES, BOOK_TICKER, CAPTURE -> "futures-um";
            default -> null;
        };
        if (market == null)
            throw new InputException(name + ": cannot tell the market (spot, futures-um, ...) from the file name or its directories; pass --market");
        if (symbol == null) throw new InputException(name + ": cannot tell the symbol from the file name; pass --symbol");
        symbol = symbol.toUpperCase(Locale.ROOT);
        boolean bars = kind == SourceKind.KLINES || kind == SourceKind.MARK_PRICE_KLINES;
        if (bars && interval == null) interval = intervalFromPath(f.path());
        if (bars && interval == null)
            throw new InputException(name + ": cannot tell the bar interval from the file name or its directory; pass --interval (e.g. 1h)");
        if (!bars) interval = null;
        if (interval != null) Intervals.nanos(interval);
        if (sort == Long.MIN_VALUE && kind != SourceKind.CAPTURE) {
            if (head == null) head = peek(f, o);
            sort = CsvRows.firstTs(kind, head, o, name);
        }
        return new Resolved(venue, market, symbol, kind, interval, sort);
    }

    private static SourceKind binanceKind(String mid, String name) {
        return switch (mid) {
            case "fundingRate" -> SourceKind.FUNDING_RATE;
            case "aggTrades" -> SourceKind.AGG_TRADES;
            case "trades" -> SourceKind.TRADES;
            case "bookTicker" -> SourceKind.BOOK_TICKER;
            default -> throw new InputException(name + ": Binance '" + mid
                    + "' files are not supported (klines, markPriceKlines, fundingRate, aggTrades, trades, bookTicker are)");
        };
    }

    private static SourceKind klineKindFromPath(Path p) {
        for (Path q = p.getParent(); q != null && q.getFileName() != null; q = q.getParent()) {
            String d = q.getFileName().toString();
            if (d.equals("markPriceKlines")) return SourceKind.MARK_PRICE_KLINES;
            if (d.equals("klines")) return SourceKind.KLINES;
            if (d.equals("indexPriceKlines") || d.equals("premiumIndexKlines"))
                throw new InputException(p + ": " + d + " are not supported (klines and markPriceKlines are)");
        }
        return SourceKind.KLINES;
    }

    /** The nearest directory that names a market: {@code spot}, {@code um}/{@code usdm}/{@code futures}, {@code cm}. */
    static String marketFromPath(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        for (Path q = parent; q != null && q.getFileName() != null; q = q.getParent()) {
            List<String> tokens = List.of(NON_ALNUM.split(q.getFileName().toString().toLowerCase(Locale.ROOT)));
            if (tokens.contains("spot")) return "spot";
            if (tokens.contains("cm") || tokens.contains("coinm")) return "futures-cm";
            if (tokens.contains("um") || tokens.contains("usdm") || tokens.contains("futures") || tokens.contains("perp"))
                return "futures-um";
        }
        return null;
    }

    private static String intervalFromPath(Path p) {
        Path parent = p.getParent();
        if (parent == null || parent.getFileName() == null) return null;
        String d = parent.getFileName().toString();
        return INTERVAL.matcher(d).matches() ? d : null;
    }

    /** {@code BTCUSDT.csv -> BTCUSDT}, {@code btcusdt_20240808.gz -> BTCUSDT}; null if the stem is not a symbol. */
    static String symbolFromName(String name) {
        String stem = STEM_END.split(name, 2)[0].toUpperCase(Locale.ROOT);
        return SYMBOL.matcher(stem).matches() && stem.chars().anyMatch(Character::isLetter) ? stem : null;
    }

    /** The kind from the first line: a capture line, or a header naming funding / quote / OHLC / trade columns. */
    static SourceKind kindFromContent(byte[] head, String name) {
        String first = firstLine(head);
        if (CAPTURE_LINE.matcher(first).matches()) return SourceKind.CAPTURE;
        List<String> cols = new ArrayList<>();
        for (String c : first.split(",")) cols.add(Layout.normalize(c));
        boolean header = !cols.isEmpty() && !cols.getFirst().isEmpty() && !Character.isDigit(cols.getFirst().charAt(0))
                && cols.getFirst().charAt(0) != '-';
        if (header) {
            if (anyOf(cols, "funding_rate", "last_funding_rate", "fundingrate", "rate")) return SourceKind.FUNDING_RATE;
            if (cols.contains("best_bid_price")) return SourceKind.BOOK_TICKER;
            if (anyOf(cols, "bid_px", "bid", "bid_price")) return SourceKind.L1;
            if (cols.contains("open") && cols.contains("close")) return SourceKind.KLINES;
            if (cols.contains("agg_trade_id")) return SourceKind.AGG_TRADES;
            if (cols.contains("price") && anyOf(cols, "qty", "quantity", "size", "amount")) return SourceKind.TRADES;
        }
        throw new InputException(name + ": cannot tell what the file holds from its name or first line '"
                + (first.length() > 120 ? first.substring(0, 120) + "..." : first)
                + "'; pass --dataset (bars, mark_bars, funding, trades, aggTrades, quotes, l1)");
    }

    private static boolean anyOf(List<String> cols, String... names) {
        for (String n : names) if (cols.contains(n)) return true;
        return false;
    }

    static String firstLine(byte[] head) {
        String s = new String(head, StandardCharsets.UTF_8);
        if (s.startsWith("\ufeff")) s = s.substring(1);
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Control flow: stops reading a member once the head is captured. */
    private static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;
        Enough() { super(null, null, false, false); }
    }

    /** The first 64 KiB of the file's first member (decompressed). */
    static byte[] peek(SourceFile f, ImportOptions o) {
        byte[][] out = new byte[1][];
        try {
            Inputs.forEachMember(f.path(), f.name(), f.path().toString(), o.maxEntryBytes(), null, (display, in) -> {
                out[0] = readUpTo(in, 1 << 16);
                throw new Enough();
            });
        } catch (Enough e) {
            // captured
        }
        return out[0] == null ? new byte[0] : out[0];
    }

    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        byte[] b = new byte[max];
        int n = 0;
        while (n < max) {
            int r = in.read(b, n, max - n);
            if (r < 0) break;
            n += r;
        }
        return java.util.Arrays.copyOf(b, n);
    }
}
