package vq.sim.order;

import java.util.Arrays;

/**
 * All orders of a run as a structure of arrays indexed by order id (0, 1, 2, … in submission order).
 * Growth doubles the arrays (amortised; no per-order objects). Constants below name the codes stored.
 *
 * <p>Units: quantities in base units, prices in USDT, times in epoch ns.
 */
public final class Orders {
    // order types
    public static final byte MARKET = 0, LIMIT = 1, STOP_MARKET = 2, STOP_LIMIT = 3;
    // time in force
    public static final byte GTC = 0, IOC = 1, FOK = 2;
    // status
    public static final byte SENT = 0, OPEN = 1, FILLED = 2, CANCELED = 3, REJECTED = 4, EXPIRED = 5;
    // reasons (what the fill means for the trade record)
    public static final byte R_ENTRY = 0, R_SIGNAL = 1, R_STOP_LOSS = 2, R_TAKE_PROFIT = 3, R_LIQUIDATION = 4,
            R_END_OF_DATA = 5, R_MANUAL = 6;

    private static final String[] TYPE_NAMES = {"market", "limit", "stop_market", "stop_limit"};
    private static final String[] TIF_NAMES = {"GTC", "IOC", "FOK"};
    private static final String[] STATUS_NAMES = {"sent", "open", "filled", "canceled", "rejected", "expired"};
    private static final String[] REASON_NAMES = {"entry", "signal", "stop_loss", "take_profit", "liquidation", "end_of_data", "manual"};

    public static String typeName(int t) { return TYPE_NAMES[t]; }
    public static String tifName(int t) { return TIF_NAMES[t]; }
    public static String statusName(int s) { return STATUS_NAMES[s]; }
    public static String reasonName(int r) { return REASON_NAMES[r]; }

    public int size;
    public int[] sym = new int[64];
    public byte[] side = new byte[64];          // +1 buy, -1 sell
    public byte[] type = new byte[64];
    public byte[] tif = new byte[64];
    public byte[] status = new byte[64];
    public byte[] reason = new byte[64];
    public boolean[] reduceOnly = new boolean[64];
    public boolean[] postOnly = new boolean[64];
    public boolean[] triggered = new boolean[64]; // stop-limit converted to limit
    public double[] qty = new double[64];        // NaN until sized at fill when sizeFraction is used
    public double[] filled = new double[64];
    public double[] limitPx = new double[64];
    public double[] stopPx = new double[64];
    public double[] avgFillPx = new double[64];
    public double[] sizeFraction = new double[64]; // margin fraction sized at fill (NaN = fixed qty)
    public double[] attachStopDist = new double[64];
    public double[] attachTakeDist = new double[64];
    public double[] attachStopPct = new double[64];
    public double[] attachTakePct = new double[64];
    public double[] attachRiskReward = new double[64];
    public int[] oco = new int[64];              // peer order id, -1 none
    public int[] parent = new int[64];           // entry order that created this protective order, -1 none
    public long[] sentNs = new long[64];
    public long[] arriveNs = new long[64];
    public long[] activeNs = new long[64];       // may trigger/fill only at or after this time (bars: bar open ≥ this)
    /** L2 only: base units displayed ahead of this resting limit at its price (queue model); NaN = not yet placed in a book. */
    public double[] queueAhead = new double[64];

    /** Appends a new order with defaults; returns its id. */
    public int add() {
        if (size == sym.length) grow();
        int id = size++;
        reduceOnly[id] = false;
        postOnly[id] = false;
        triggered[id] = false;
        qty[id] = Double.NaN;
        filled[id] = 0;
        limitPx[id] = Double.NaN;
        stopPx[id] = Double.NaN;
        avgFillPx[id] = Double.NaN;
        sizeFraction[id] = Double.NaN;
        attachStopDist[id] = Double.NaN;
        attachTakeDist[id] = Double.NaN;
        attachStopPct[id] = Double.NaN;
        attachTakePct[id] = Double.NaN;
        attachRiskReward[id] = Double.NaN;
        oco[id] = -1;
        parent[id] = -1;
        queueAhead[id] = Double.NaN;
        tif[id] = GTC;
        reason[id] = R_ENTRY;
        status[id] = SENT;
        return id;
    }

    public boolean isLive(int id) { return status[id] == SENT || status[id] == OPEN; }

    public double remaining(int id) { return qty[id] - filled[id]; }

    private void grow() {
        int n = sym.length * 2;
        sym = Arrays.copyOf(sym, n);
        side = Arrays.copyOf(side, n);
        type = Arrays.copyOf(type, n);
        tif = Arrays.copyOf(tif, n);
        status = Arrays.copyOf(status, n);
        reason = Arrays.copyOf(reason, n);
        reduceOnly = Arrays.copyOf(reduceOnly, n);
        postOnly = Arrays.copyOf(postOnly, n);
        triggered = Arrays.copyOf(triggered, n);
        qty = Arrays.copyOf(qty, n);
        filled = Arrays.copyOf(filled, n);
        limitPx = Arrays.copyOf(limitPx, n);
        stopPx = Arrays.copyOf(stopPx, n);
        avgFillPx = Arrays.copyOf(avgFillPx, n);
        sizeFraction = Arrays.copyOf(sizeFraction, n);
        attachStopDist = Arrays.copyOf(attachStopDist, n);
        attachTakeDist = Arrays.copyOf(attachTakeDist, n);
        attachStopPct = Arrays.copyOf(attachStopPct, n);
        attachTakePct = Arrays.copyOf(attachTakePct, n);
        attachRiskReward = Arrays.copyOf(attachRiskReward, n);
        oco = Arrays.copyOf(oco, n);
        parent = Arrays.copyOf(parent, n);
        sentNs = Arrays.copyOf(sentNs, n);
        arriveNs = Arrays.copyOf(arriveNs, n);
        activeNs = Arrays.copyOf(activeNs, n);
        queueAhead = Arrays.copyOf(queueAhead, n);
    }
}
