package vq.kernels.screen;

import java.util.Arrays;

/**
 * Structure-of-arrays state of every parameter set (lane) of one symbol's screen: the position, the
 * running equity statistics and the metric accumulators. Index = parameter set; arrays are padded to a
 * multiple of the vector length. Memory: about 60 doubles per set, plus {@code cvarK} doubles per set for
 * CVaR and 16 doubles per set and window segment: O(sets × (metrics + segments)), independent of bars.
 * Threads write disjoint, vector-aligned ranges.
 */
final class LaneState {
    // same order as SegmentField
    static final int SEG_START_EQ = 0, SEG_END_EQ = 1, SEG_TRADES = 2, SEG_WINS = 3, SEG_GROSS_PROFIT = 4,
            SEG_GROSS_LOSS = 5, SEG_DAYS = 6, SEG_SUM_R = 7, SEG_SUM_R2 = 8, SEG_SUM_DOWN2 = 9, SEG_BARS_IN_POS = 10,
            SEG_FEES = 11, SEG_FUNDING = 12, SEG_SUM_R3 = 13, SEG_SUM_R4 = 14, SEG_LOG_GROWTH = 15, SEG_FIELDS = 16;

    final int sets;
    final int padded;
    // position (vector-resident in the kernel's hot loop). Drawdown: peak equity, its bar time, and the trough (least
    // equity since that peak); maxDD holds the deepest drawdown of the epochs closed so far (by a new peak or the end),
    // each (peak − trough)/peak: the same as the largest per-bar (peak − equity)/peak, as drawdown falls as equity rises
    final double[] sq, ep, cash, advL, advS, tpL, tpS, peak, peakT, maxDur, trough;
    // in-bar triggers for the vector check: hit when low <= trigLo or high >= trigHi (long: adverse/take-profit;
    // short: take-profit/adverse; flat: -inf/+inf)
    final double[] trigLo, trigHi;
    // position (scalar)
    final double[] margin, liq, sl, tp, entryFee, tradeFunding, risk, maxDD;
    final int[] entryBar;
    final byte[] side, pending;
    // trade statistics
    final double[] trades, wins, grossProfit, grossLoss, sumR, countR, fees, funding, liquidations, stopExits,
            takeExits, barsInPos, maxTradeLoss;
    // daily returns
    // daily returns: count, running mean and central moment sums (Pébay 2008 one-pass update, stable), downside
    final double[] prevDayEq, days, mean, m2, m3, m4, sumDown2;
    final int cvarK;
    final double[] worst; // per set: a max-heap of the cvarK smallest daily returns
    final int[] worstCount;
    // window segments
    final int segs;
    final double[] seg;
    // per vector group
    final int[] posBits, longBits, pendBits, lastMarked;

    LaneState(int sets, int lanes, double initialEquity, int cvarK, int segs) {
        this.sets = sets;
        this.padded = Math.max(lanes, (sets + lanes - 1) / lanes * lanes);
        int p = padded;
        sq = new double[p]; ep = new double[p]; cash = new double[p]; trigLo = new double[p]; trigHi = new double[p];
        advL = new double[p]; advS = new double[p]; tpL = new double[p]; tpS = new double[p];
        peak = new double[p]; peakT = new double[p]; maxDur = new double[p]; trough = new double[p];
        margin = new double[p]; liq = new double[p]; sl = new double[p]; tp = new double[p];
        entryFee = new double[p]; tradeFunding = new double[p]; risk = new double[p]; maxDD = new double[p];
        entryBar = new int[p]; side = new byte[p]; pending = new byte[p];
        trades = new double[p]; wins = new double[p]; grossProfit = new double[p]; grossLoss = new double[p];
        sumR = new double[p]; countR = new double[p]; fees = new double[p]; funding = new double[p];
        liquidations = new double[p]; stopExits = new double[p]; takeExits = new double[p]; barsInPos = new double[p];
        maxTradeLoss = new double[p];
        prevDayEq = new double[p]; days = new double[p]; mean = new double[p]; m2 = new double[p];
        m3 = new double[p]; m4 = new double[p]; sumDown2 = new double[p];
        this.cvarK = cvarK;
        worst = new double[Math.multiplyExact(p, cvarK)];
        worstCount = new int[p];
        this.segs = segs;
        seg = new double[Math.multiplyExact(Math.multiplyExact(p, segs), SEG_FIELDS)];
        int groups = p / lanes;
        posBits = new int[groups]; longBits = new int[groups]; pendBits = new int[groups]; lastMarked = new int[groups];
        Arrays.fill(cash, initialEquity);
        Arrays.fill(peak, initialEquity);
        Arrays.fill(prevDayEq, initialEquity);
        Arrays.fill(trough, initialEquity);
        Arrays.fill(trigLo, Double.NEGATIVE_INFINITY);
        Arrays.fill(trigHi, Double.POSITIVE_INFINITY);
        Arrays.fill(advL, Double.NEGATIVE_INFINITY);
        Arrays.fill(advS, Double.POSITIVE_INFINITY);
        Arrays.fill(tpL, Double.POSITIVE_INFINITY);
        Arrays.fill(tpS, Double.NEGATIVE_INFINITY);
        Arrays.fill(lastMarked, -1);
        if (segs > 0) for (int s = 0; s < p; s++) for (int k = 0; k < segs; k++) {
            seg[(s * segs + k) * SEG_FIELDS + SEG_START_EQ] = Double.NaN;
            seg[(s * segs + k) * SEG_FIELDS + SEG_END_EQ] = Double.NaN;
        }
    }

    int segIndex(int set, int segment, int field) {
        return (set * segs + segment) * SEG_FIELDS + field;
    }

    /** Adds daily return {@code r} to set {@code s}'s accumulators (and CVaR heap). */
    void addDaily(int s, double r, int segment) {
        double n1 = days[s], n = n1 + 1;
        days[s] = n;
        double delta = r - mean[s], dn = delta / n, dn2 = dn * dn, term1 = delta * dn * n1;
        mean[s] += dn;
        m4[s] += term1 * dn2 * (n * n - 3 * n + 3) + 6 * dn2 * m2[s] - 4 * dn * m3[s];
        m3[s] += term1 * dn * (n - 2) - 3 * dn * m2[s];
        m2[s] += term1;
        double r2 = r * r;
        double d = Math.min(r, 0.0);
        sumDown2[s] += d * d;
        if (segment >= 0 && segment < segs) {
            seg[segIndex(s, segment, SEG_DAYS)] += 1;
            seg[segIndex(s, segment, SEG_SUM_R)] += r;
            seg[segIndex(s, segment, SEG_SUM_R2)] += r2;
            seg[segIndex(s, segment, SEG_SUM_DOWN2)] += d * d;
            seg[segIndex(s, segment, SEG_SUM_R3)] += r2 * r;
            seg[segIndex(s, segment, SEG_SUM_R4)] += r2 * r2;
            seg[segIndex(s, segment, SEG_LOG_GROWTH)] += Math.log1p(r);
        }
        // max-heap of the cvarK smallest returns
        int base = s * cvarK;
        int c = worstCount[s];
        if (c < cvarK) {
            int k = c;
            worst[base + k] = r;
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (worst[base + parent] >= worst[base + k]) break;
                double tmp = worst[base + parent]; worst[base + parent] = worst[base + k]; worst[base + k] = tmp;
                k = parent;
            }
            worstCount[s] = c + 1;
        } else if (r < worst[base]) {
            worst[base] = r;
            int k = 0;
            while (true) {
                int a = 2 * k + 1, b = a + 1, m = k;
                if (a < c && worst[base + a] > worst[base + m]) m = a;
                if (b < c && worst[base + b] > worst[base + m]) m = b;
                if (m == k) break;
                double tmp = worst[base + m]; worst[base + m] = worst[base + k]; worst[base + k] = tmp;
                k = m;
            }
        }
    }
}
