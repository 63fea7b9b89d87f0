package vq.sim.report;

import java.util.Arrays;

/**
 * Round-trip trades (DESIGN.md §7): a trade opens when a symbol's position leaves zero and closes when it
 * returns to zero. Structure of arrays, growable. PnL in USDT: gross = Σ price moves of the closed
 * quantity; net = gross − fees − funding (fees include the clearance fee of a liquidation).
 */
public final class TradeBook {
    public int size;
    public int[] sym = new int[16];
    public byte[] side = new byte[16];
    public long[] entryTs = new long[16];
    public long[] exitTs = new long[16];
    public double[] qty = new double[16];        // peak |position|
    public double[] entryPx = new double[16];    // average entry price
    public double[] exitPx = new double[16];     // average exit price
    public double[] fees = new double[16];
    public double[] funding = new double[16];
    public double[] slippage = new double[16];   // cost vs the reference price, USDT
    public double[] gross = new double[16];
    public double[] net = new double[16];
    public double[] initialRisk = new double[16];// qty × |entry − first stop|, NaN without a stop
    public double[] margin = new double[16];     // initial margin, USDT
    public byte[] exitReason = new byte[16];
    private double[] exitQty = new double[16];
    private final int[] open;                    // open trade per symbol, −1 none

    public TradeBook(int symbols) {
        open = new int[symbols];
        Arrays.fill(open, -1);
    }

    public int openTrade(int s) { return open[s]; }

    /** Records an opening/increasing fill. */
    public void onOpen(int s, int sgn, long ts, double q, double px, double fee, double slip, double marginUsed) {
        int t = open[s];
        if (t < 0) {
            if (size == sym.length) grow();
            t = size++;
            open[s] = t;
            sym[t] = s;
            side[t] = (byte) sgn;
            entryTs[t] = ts;
            qty[t] = 0;
            entryPx[t] = 0;
            exitPx[t] = 0;
            exitQty[t] = 0;
            fees[t] = 0;
            funding[t] = 0;
            slippage[t] = 0;
            gross[t] = 0;
            initialRisk[t] = Double.NaN;
            margin[t] = 0;
        }
        double held = qty[t] - exitQty[t];
        entryPx[t] = held == 0 ? px : (entryPx[t] * held + px * q) / (held + q);
        qty[t] = Math.max(qty[t], held + q);
        fees[t] += fee;
        slippage[t] += slip;
        margin[t] += marginUsed;
    }

    /** Records a reducing fill; closes the trade when {@code flat}. */
    public void onReduce(int s, long ts, double q, double px, double fee, double slip, double realized, boolean flat, byte reason) {
        int t = open[s];
        if (t < 0) return;
        exitPx[t] = exitQty[t] == 0 ? px : (exitPx[t] * exitQty[t] + px * q) / (exitQty[t] + q);
        exitQty[t] += q;
        fees[t] += fee;
        slippage[t] += slip;
        gross[t] += realized;
        if (flat) {
            exitTs[t] = ts;
            exitReason[t] = reason;
            net[t] = gross[t] - fees[t] - funding[t];
            open[s] = -1;
        }
    }

    public void onFunding(int s, double pay) {
        int t = open[s];
        if (t >= 0) funding[t] += pay;
    }

    public void setInitialRisk(int s, double risk) {
        int t = open[s];
        if (t >= 0 && Double.isNaN(initialRisk[t])) initialRisk[t] = risk;
    }

    private void grow() {
        int n = sym.length * 2;
        sym = Arrays.copyOf(sym, n);
        side = Arrays.copyOf(side, n);
        entryTs = Arrays.copyOf(entryTs, n);
        exitTs = Arrays.copyOf(exitTs, n);
        qty = Arrays.copyOf(qty, n);
        entryPx = Arrays.copyOf(entryPx, n);
        exitPx = Arrays.copyOf(exitPx, n);
        fees = Arrays.copyOf(fees, n);
        funding = Arrays.copyOf(funding, n);
        slippage = Arrays.copyOf(slippage, n);
        gross = Arrays.copyOf(gross, n);
        net = Arrays.copyOf(net, n);
        initialRisk = Arrays.copyOf(initialRisk, n);
        margin = Arrays.copyOf(margin, n);
        exitReason = Arrays.copyOf(exitReason, n);
        exitQty = Arrays.copyOf(exitQty, n);
    }
}
