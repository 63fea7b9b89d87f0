package vq.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vq.columnar.InputException;

/**
 * How the fields of a CSV line map onto the roles of a {@link SourceKind}: for each field position an operation
 * (skip, timestamp, f64, i64, side) and the role it fills. Built from a header row (names and synonyms, or the
 * user's {@code --columns role=name|#index} mapping) or, without a header, from the kind's Binance layout.
 *
 * <p>Roles are numbered per kind: bars {@code ts, open, high, low, close, volume, quote_volume, trades,
 * taker_buy_volume, taker_buy_quote_volume} (the bars dataset's column order); funding {@code ts, rate,
 * mark_price}; trades {@code ts, price, qty, side, trade_id}; quotes/L1 {@code ts, bid_px, bid_sz, ask_px,
 * ask_sz, trade_px, trade_sz, trade_side}.
 */
final class Layout {
    static final byte SKIP = 0, TS = 1, F64 = 2, I64 = 3, BUYER_MAKER = 4, SIDE = 5, F64_OPT = 6;

    /** A role: its name, how it is parsed, header synonyms (normalized), and whether it must be present. */
    record Role(String name, byte op, boolean required, String... synonyms) {}

    static final List<Role> BARS = List.of(
            new Role("ts", TS, true, "ts", "open_time", "opentime", "timestamp", "time", "date", "datetime", "open_time_ms", "t"),
            new Role("open", F64, true, "open", "o"),
            new Role("high", F64, true, "high", "h"),
            new Role("low", F64, true, "low", "l"),
            new Role("close", F64, true, "close", "c"),
            new Role("volume", F64, false, "volume", "vol", "v", "base_volume"),
            new Role("quote_volume", F64, false, "quote_volume", "quote_asset_volume", "quote_av", "qav"),
            new Role("trades", I64, false, "trades", "count", "number_of_trades", "num_trades", "trade_count", "n"),
            new Role("taker_buy_volume", F64, false, "taker_buy_volume", "taker_buy_base_volume", "taker_buy_base_asset_volume", "taker_base_vol"),
            new Role("taker_buy_quote_volume", F64, false, "taker_buy_quote_volume", "taker_buy_quote_asset_volume", "taker_quote_vol"));
    static final List<Role> FUNDING = List.of(
            new Role("ts", TS, true, "ts", "calc_time", "funding_time", "funding_time_ms", "fundingtime", "timestamp", "time", "date"),
            new Role("rate", F64, true, "rate", "funding_rate", "last_funding_rate", "fundingrate"),
            new Role("mark_price", F64, false, "mark_price", "markprice"));
    static final List<Role> TRADES = List.of(
            new Role("ts", TS, true, "ts", "transact_time", "time", "timestamp", "trade_time"),
            new Role("price", F64, true, "price", "px", "p"),
            new Role("qty", F64, true, "qty", "quantity", "size", "amount", "q"),
            new Role("side", SIDE, false, "side", "trade_side", "aggressor_side"),
            new Role("trade_id", I64, false, "trade_id", "agg_trade_id", "id", "a"),
            new Role("buyer_maker", BUYER_MAKER, false, "is_buyer_maker", "buyer_maker", "m"));
    static final List<Role> QUOTES = List.of(
            new Role("ts", TS, true, "ts", "transaction_time", "timestamp", "time", "event_time"),
            new Role("bid_px", F64, true, "bid_px", "best_bid_price", "bid_price", "bid"),
            new Role("bid_sz", F64, true, "bid_sz", "best_bid_qty", "bid_qty", "bid_size", "bid_amount"),
            new Role("ask_px", F64, true, "ask_px", "best_ask_price", "ask_price", "ask"),
            new Role("ask_sz", F64, true, "ask_sz", "best_ask_qty", "ask_qty", "ask_size", "ask_amount"),
            new Role("trade_px", F64_OPT, false, "trade_px", "trade_price"),
            new Role("trade_sz", F64_OPT, false, "trade_sz", "trade_qty", "trade_size"),
            new Role("trade_side", SIDE, false, "trade_side"));

    final byte[] ops;
    final int[] roles;
    final String[] names;
    final List<Role> roleList;
    final boolean[] present; // per role
    /**
     * Whether the fields are Binance's kline columns in Binance's order (open_time, open, high, low, close, volume,
     * close_time skipped, quote_volume, count, taker_buy_volume, taker_buy_quote_volume), so that a row can be read
     * by {@link ByteCsv#klineRow}.
     */
    final boolean binanceKlines;

    /** Ops and bar roles (-1: skipped) of Binance's kline columns. */
    private static final byte[] KLINE_OPS = {TS, F64, F64, F64, F64, F64, SKIP, F64, I64, F64, F64};
    private static final int[] KLINE_ROLES = {0, 1, 2, 3, 4, 5, -1, 6, 7, 8, 9};

    private Layout(List<Role> roleList, byte[] ops, int[] roles, String[] names) {
        this.roleList = roleList;
        this.ops = ops;
        this.roles = roles;
        this.names = names;
        this.present = new boolean[roleList.size()];
        for (int i = 0; i < ops.length; i++) if (ops[i] != SKIP) present[roles[i]] = true;
        boolean k = roleList == BARS && Arrays.equals(ops, KLINE_OPS);
        for (int i = 0; k && i < ops.length; i++) if (ops[i] != SKIP && roles[i] != KLINE_ROLES[i]) k = false;
        this.binanceKlines = k;
    }

    static List<Role> rolesOf(SourceKind kind) {
        return switch (kind) {
            case KLINES, MARK_PRICE_KLINES -> BARS;
            case FUNDING_RATE -> FUNDING;
            case TRADES, AGG_TRADES -> TRADES;
            case BOOK_TICKER, L1 -> QUOTES;
            default -> throw new IllegalArgumentException("no CSV layout for " + kind);
        };
    }

    boolean has(int role) { return present[role]; }

    int fields() { return ops.length; }

    /** The Binance layout of a headerless file of this kind with {@code n} fields. */
    static Layout headerless(SourceKind kind, int n, String source) {
        List<Role> r = rolesOf(kind);
        String[] spec = switch (kind) {
            // open_time, open, high, low, close, volume, close_time, quote_volume, count, taker_buy_volume, taker_buy_quote_volume, ignore
            case KLINES, MARK_PRICE_KLINES -> n >= 11
                    ? new String[] {"ts", "open", "high", "low", "close", "volume", null, "quote_volume", "trades", "taker_buy_volume", "taker_buy_quote_volume"}
                    : new String[] {"ts", "open", "high", "low", "close", "volume"};
            // calc_time, funding_interval_hours, last_funding_rate  |  ts, rate
            case FUNDING_RATE -> n >= 3 ? new String[] {"ts", null, "rate"} : new String[] {"ts", "rate"};
            // agg_trade_id, price, quantity, first_trade_id, last_trade_id, transact_time, is_buyer_maker[, is_best_match]
            case AGG_TRADES -> new String[] {"trade_id", "price", "qty", null, null, "ts", "buyer_maker"};
            // id, price, qty, quote_qty, time, is_buyer_maker[, is_best_match]
            case TRADES -> new String[] {"trade_id", "price", "qty", null, "ts", "buyer_maker"};
            // update_id, best_bid_price, best_bid_qty, best_ask_price, best_ask_qty, transaction_time, event_time
            case BOOK_TICKER -> new String[] {null, "bid_px", "bid_sz", "ask_px", "ask_sz", "ts"};
            // ts, bid_px, ask_px, bid_sz, ask_sz[, trade_px, trade_sz, trade_side]
            case L1 -> n >= 8 ? new String[] {"ts", "bid_px", "ask_px", "bid_sz", "ask_sz", "trade_px", "trade_sz", "trade_side"}
                    : new String[] {"ts", "bid_px", "ask_px", "bid_sz", "ask_sz"};
            default -> throw new IllegalArgumentException(kind.toString());
        };
        if (n < spec.length)
            throw new InputException(source + ": line 1 has " + n + " fields, a headerless " + kind.id() + " file needs at least " + spec.length);
        String[] binance = switch (kind) { // Binance's own column names, for error messages
            case KLINES, MARK_PRICE_KLINES -> new String[] {"open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume",
                    "count", "taker_buy_volume", "taker_buy_quote_volume"};
            case FUNDING_RATE -> n >= 3 ? new String[] {"calc_time", "funding_interval_hours", "last_funding_rate"} : new String[] {"ts", "rate"};
            case AGG_TRADES -> new String[] {"agg_trade_id", "price", "quantity", "first_trade_id", "last_trade_id", "transact_time", "is_buyer_maker"};
            case TRADES -> new String[] {"id", "price", "qty", "quote_qty", "time", "is_buyer_maker"};
            case BOOK_TICKER -> new String[] {"update_id", "best_bid_price", "best_bid_qty", "best_ask_price", "best_ask_qty", "transaction_time"};
            default -> spec;
        };
        String[] names = new String[spec.length];
        for (int i = 0; i < spec.length; i++) names[i] = i < binance.length && binance[i] != null ? binance[i] : "field" + (i + 1);
        return build(r, spec, names, source);
    }

    /**
     * The layout from a header row: user mapping ({@code role -> header name or #index}) first, then the roles'
     * synonyms. Unknown header columns are skipped.
     */
    static Layout fromHeader(SourceKind kind, List<String> header, Map<String, String> mapping, String source) {
        List<Role> r = rolesOf(kind);
        String[] spec = new String[header.size()];
        List<String> norm = new ArrayList<>();
        for (String h : header) norm.add(normalize(h));
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            int role = roleIndex(r, e.getKey());
            if (role < 0) throw new InputException("--columns: unknown column '" + e.getKey() + "' for " + kind.id() + " (known: "
                    + String.join(", ", r.stream().map(Role::name).toList()) + ")");
            int pos = position(e.getValue(), norm);
            if (pos < 0) throw new InputException(source + ": --columns " + e.getKey() + "=" + e.getValue() + ": no such column in the header " + header);
            spec[pos] = r.get(role).name();
        }
        for (int role = 0; role < r.size(); role++) {
            String name = r.get(role).name();
            if (Arrays.asList(spec).contains(name) || mapping.containsKey(name)) continue;
            if (name.equals("buyer_maker") && Arrays.asList(spec).contains("side")) continue;
            pos:
            for (String syn : r.get(role).synonyms()) {
                for (int i = 0; i < norm.size(); i++) {
                    if (spec[i] == null && norm.get(i).equals(syn)) {
                        spec[i] = name;
                        break pos;
                    }
                }
            }
        }
        String[] names = header.toArray(String[]::new);
        return build(r, spec, names, source);
    }

    private static int position(String ref, List<String> norm) {
        if (ref.startsWith("#")) {
            try {
                int i = Integer.parseInt(ref.substring(1)) - 1;
                return i >= 0 && i < norm.size() ? i : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return norm.indexOf(normalize(ref));
    }

    /** Lower case, no quotes or spaces, units in parentheses dropped: {@code "transaction_time(ms)" -> transaction_time}. */
    static String normalize(String h) {
        String s = h.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("\ufeff")) s = s.substring(1);
        int p = s.indexOf('(');
        if (p > 0) s = s.substring(0, p);
        return s.replace("\"", "").replace(' ', '_').trim();
    }

    private static int roleIndex(List<Role> r, String name) {
        for (int i = 0; i < r.size(); i++) if (r.get(i).name().equals(name)) return i;
        return -1;
    }

    private static Layout build(List<Role> r, String[] spec, String[] names, String source) {
        int last = -1;
        for (int i = 0; i < spec.length; i++) if (spec[i] != null) last = i;
        byte[] ops = new byte[last + 1];
        int[] roles = new int[last + 1];
        for (int i = 0; i <= last; i++) {
            if (spec[i] == null) continue;
            int role = roleIndex(r, spec[i]);
            roles[i] = role;
            ops[i] = r.get(role).op();
        }
        Layout l = new Layout(r, ops, roles, Arrays.copyOf(names, last + 1));
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) if (r.get(i).required() && !l.present[i]) missing.add(r.get(i).name());
        if (!missing.isEmpty())
            throw new InputException(source + ": cannot find column(s) " + missing + " in the header " + Arrays.toString(names)
                    + " (map them with --columns role=header_name, e.g. --columns ts=time)");
        return l;
    }
}
