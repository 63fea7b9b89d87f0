package vq.sim.account;

import vq.kernels.margin.Liquidation;
import vq.kernels.margin.MarginBrackets;
import vq.sim.MarginMode;

/**
 * A Binance USDⓈ-M account with linear USDT-margined perpetual positions in one-way mode.
 *
 * <p>State per symbol {@code s}: signed position {@code qty[s]} (base units, long &gt; 0), average entry
 * price {@code entry[s]}, isolated margin {@code isoMargin[s]} (USDT; the position's isolated wallet
 * balance in isolated mode, the initial margin notional/leverage in cross mode), last mark price.
 * Account: {@code wallet} (USDT) = initial equity + realized PnL − fees − funding. Margin balance
 * (equity) = wallet + Σ unrealized PnL at the mark price.
 *
 * <p>Liquidation prices use Binance's formula ({@link Liquidation}): isolated with WB = isolated margin;
 * cross with WB = wallet and the other positions' maintenance margin and unrealized PnL at their last
 * marks. A liquidated isolated position loses at most its isolated margin, the clearance fee included
 * (the insurance fund takes what is left, Binance "Liquidation Protocols"); a cross liquidation cannot
 * take the wallet below zero.
 */
public final class Account {
    public final int symbols;
    public final MarginMode mode;
    public final double[] qty;
    public final double[] entry;
    public final double[] isoMargin;
    public final double[] mark;
    public final double[] leverage;
    private final MarginBrackets[] brackets;
    public double wallet;
    public double feesPaid;
    public double fundingPaid;
    public double clearanceFeesPaid;

    public Account(MarginMode mode, double initialEquity, MarginBrackets[] brackets, double[] leverage) {
        this.symbols = brackets.length;
        this.mode = mode;
        this.brackets = brackets.clone();
        this.leverage = leverage.clone();
        qty = new double[symbols];
        entry = new double[symbols];
        isoMargin = new double[symbols];
        mark = new double[symbols];
        wallet = initialEquity;
    }

    public MarginBrackets brackets(int s) { return brackets[s]; }

    /** Unrealized PnL of symbol {@code s} at price {@code p}, USDT. */
    public double upnl(int s, double p) { return qty[s] == 0 ? 0 : qty[s] * (p - entry[s]); }

    /** Margin balance: wallet + Σ unrealized PnL at the last marks, USDT. */
    public double equity() {
        double e = wallet;
        for (int s = 0; s < symbols; s++) if (qty[s] != 0) e += qty[s] * (mark[s] - entry[s]);
        return e;
    }

    /** Σ |qty| × mark over all symbols, USDT. */
    public double grossNotional() {
        double n = 0;
        for (int s = 0; s < symbols; s++) n += Math.abs(qty[s]) * mark[s];
        return n;
    }

    /**
     * Applies a fill. Fees are charged to the wallet; a fill against the position realizes PnL on the
     * closed part at the average entry price; a fill through zero opens the rest on the other side.
     *
     * @param s       symbol index
     * @param q       signed quantity (buy &gt; 0), base units, non-zero
     * @param price   fill price, USDT
     * @param feeRate fee rate, fraction of notional (maker or taker)
     * @return realized gross PnL of the closed part, USDT (0 when nothing was closed)
     */
    public double fill(int s, double q, double price, double feeRate) {
        return fill(s, q, price, feeRate, Double.NaN);
    }

    /**
     * As {@link #fill(int, double, double, double)}, booking {@code openMargin} (USDT) as the isolated
     * margin of the opened part when it is not NaN (sizing at the fill knows the margin exactly).
     */
    public double fill(int s, double q, double price, double feeRate, double openMargin) {
        double fee = Math.abs(q) * price * feeRate;
        wallet -= fee;
        feesPaid += fee;
        double pos = qty[s];
        double realized = 0;
        if (pos != 0 && Math.signum(pos) != Math.signum(q)) {
            double closed = Math.min(Math.abs(q), Math.abs(pos));
            realized = Math.signum(pos) * closed * (price - entry[s]);
            wallet += realized;
            isoMargin[s] -= isoMargin[s] * closed / Math.abs(pos);
            double rest = pos + Math.signum(q) * closed;
            if (Math.abs(rest) < 1e-12 * Math.abs(pos)) rest = 0;
            qty[s] = rest;
            if (rest == 0) {
                entry[s] = 0;
                isoMargin[s] = 0;
            }
            q = q - Math.signum(q) * closed;
            if (Math.abs(q) <= 1e-12 * closed) q = 0;
        }
        if (q != 0) {
            double a = Math.abs(qty[s]);
            entry[s] = a == 0 ? price : (a * entry[s] + Math.abs(q) * price) / (a + Math.abs(q));
            qty[s] += q;
            isoMargin[s] += Double.isNaN(openMargin) ? Math.abs(q) * price / leverage[s] : openMargin;
        }
        mark[s] = price;
        return realized;
    }

    /**
     * Funding payment {@code qty × mark × rate} (DESIGN.md §6; long pays when rate &gt; 0).
     *
     * @param adjustIsolatedMargin whether the payment also moves the isolated margin (Binance does; the
     *                             screening rules keep the liquidation price fixed from entry)
     * @return the payment, USDT (negative = received)
     */
    public double funding(int s, double rate, double markPrice, boolean adjustIsolatedMargin) {
        double pay = qty[s] * markPrice * rate;
        wallet -= pay;
        fundingPaid += pay;
        if (adjustIsolatedMargin && mode == MarginMode.ISOLATED && qty[s] != 0) isoMargin[s] -= pay;
        return pay;
    }

    /**
     * Liquidation price of symbol {@code s} now (Binance formula), USDT; NaN when flat, 0 when a long
     * cannot be liquidated.
     */
    public double liquidationPrice(int s) {
        double q = qty[s];
        if (q == 0) return Double.NaN;
        int side = q > 0 ? 1 : -1;
        if (mode == MarginMode.ISOLATED) return Liquidation.isolated(brackets[s], isoMargin[s], side, Math.abs(q), entry[s]);
        double tmm = 0, up = 0;
        for (int o = 0; o < symbols; o++) {
            if (o == s || qty[o] == 0) continue;
            tmm += brackets[o].maintenanceMargin(Math.abs(qty[o]) * mark[o]);
            up += qty[o] * (mark[o] - entry[o]);
        }
        return Liquidation.cross(brackets[s], wallet, tmm, up, side, Math.abs(q), entry[s]);
    }

    /**
     * Forced liquidation of the whole position of {@code s} at {@code price}.
     *
     * @param clearanceRate liquidation clearance fee rate (fraction of liquidated notional)
     * @return {realized PnL, clearance fee}, USDT; written into {@code out} (length ≥ 2)
     */
    public void liquidate(int s, double price, double clearanceRate, double[] out) {
        double q = qty[s];
        double realized = q * (price - entry[s]);
        double fee = Math.abs(q) * price * clearanceRate;
        if (mode == MarginMode.ISOLATED) {
            double remaining = isoMargin[s] + realized;
            if (remaining < 0) {
                realized = -isoMargin[s];
                fee = 0;
            } else {
                fee = Math.min(fee, remaining);
            }
            wallet += realized - fee;
            // a margin sized to the whole available balance can exceed the wallet by a rounding ulp; losing it
            // leaves zero, not −1e-12
            if (wallet < 0 && wallet > -1e-9 * isoMargin[s]) wallet = 0;
        } else {
            double others = 0;
            for (int o = 0; o < symbols; o++) if (o != s && qty[o] != 0) others += qty[o] * (mark[o] - entry[o]);
            double after = wallet + others + realized;
            fee = Math.max(0, Math.min(fee, after));
            if (after < 0) realized -= after; // the insurance fund covers a negative balance
            // a margin balance used up ends at exactly zero, not at a rounding residue either side of it
            wallet = after - fee <= 0 ? -others : wallet + realized - fee;
        }
        clearanceFeesPaid += fee;
        qty[s] = 0;
        entry[s] = 0;
        isoMargin[s] = 0;
        mark[s] = price;
        out[0] = realized;
        out[1] = fee;
    }
}
