package vq.kernels.screen;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import vq.kernels.margin.Liquidation;
import vq.kernels.margin.MarginBrackets;

/**
 * The per-set walk of {@link ScreenKernel}: one parameter set at a time over a block of bars, event to event.
 * The execution rules are those of {@link ScreenKernel} (DESIGN.md §6), applied in the same order with the same
 * arithmetic, so results are bit-identical to the lane kernel's.
 *
 * <p>The set's state is loaded into fields of this object at the start of a block and stored back at its end, so
 * a fill or an exit is plain scalar code on a handful of cache lines: no per-lane array indexing and no vector
 * spilled and reloaded around it. Between events the walk is SIMD across bars: chunks of {@link ScreenKernel#L}
 * bars are checked {@code L} at a time against their extremes ({@link Timeline#chunkMinLow} and siblings). Equity
 * {@code fma(close − entry, qty, cash)} is monotone in the close (each rounding is), so a chunk whose greatest equity
 * (at its greatest close for a long, least for a short) stays below the peak and whose low and high stay inside the
 * position's levels changes only the trough (to its least equity, at the other extreme close) and the drawdown
 * duration, which grows with time and is taken once at the end of a skipped stretch. Chunks cut by the stretch's ends
 * or flagged by their extremes are checked as one vector of bars; a bar that may hit a level or reach a new peak runs
 * exactly. The next bar with a signal that leads to an order comes from the set's signal words
 * ({@code numberOfTrailingZeros}); a quiet signal bar then only takes its order (rule 7), a fill at a bar without flag
 * only its fills (rule 3) before the walk goes on from that bar; bars with a day mark, window edge or (with a
 * position) funding, and every bar that may hit a level, run the general step ({@link #bar}).
 *
 * <p>Not thread-safe: one walker per {@link ScreenKernel} (thread).
 */
final class SetWalk {
    private static final int L = ScreenKernel.L;
    private static final double NEG = Double.NEGATIVE_INFINITY, POS = Double.POSITIVE_INFINITY;

    private final ScreenKernel kernel;
    private final LaneState st;
    private final LaneParams params;
    private final Timeline tl;
    private final MarginBrackets brackets;
    private final double[] open, high, low, close, tm, fundRate, fundMark;
    private final double[] mnL, mxH, mnC, mxC;
    private final byte[] flags;
    private final int[] segOfBar;
    private final SignalBlock sig;
    private final boolean longs, shorts;
    /** All ones when the screen trades that side, else 0 (signals of a side not traded are ignored). */
    private final long longBits, shortBits;
    private final double takerFee, makerFee, clearanceRate;
    private final int lastBar, setFrom;
    /** Bars of the current block with a flag, ascending, then the block's end as a sentinel. */
    private final int[] flagBars;
    private int from, to, word0;

    // the walked set's state (LaneState's fields for set j, between load and store)
    private int j, side, entryBar;
    private byte pending;
    private double cash, sq, ep, margin, liq, sl, tp, trigLo, trigHi, entryFee, tradeFunding, risk;
    private double peak, peakT, maxDur, trough, maxDD;
    /**
     * Part of the trough kept per chunk lane by {@link #scan} (+∞ when empty): the set's trough is the least of
     * {@link #trough} and these, taken when a drawdown epoch ends and at the end of the block (no reduction per scan).
     */
    private final double[] laneTrough = new double[L];
    private double trades, wins, grossProfit, grossLoss, sumR, countR, fees, funding, liquidations, stopExits,
            takeExits, barsInPos;
    private double fraction, leverage, stopPct, takePct, stopAtr, takeAtr, riskReward;
    private MemorySegment stopSeries, takeSeries;

    SetWalk(ScreenKernel kernel, BarSeries bars, FundingSchedule fundingSchedule, Timeline tl, ExecutionSpec spec,
            LaneParams params, LaneState st, SignalBlock sig, int setFrom, int blockBars) {
        this.kernel = kernel;
        this.st = st;
        this.params = params;
        this.tl = tl;
        this.brackets = spec.brackets();
        this.open = bars.open(); this.high = bars.high(); this.low = bars.low(); this.close = bars.close();
        this.tm = tl.tMillis;
        this.fundRate = fundingSchedule.rates();
        this.fundMark = fundingSchedule.marks();
        this.mnL = tl.chunkMinLow; this.mxH = tl.chunkMaxHigh; this.mnC = tl.chunkMinClose; this.mxC = tl.chunkMaxClose;
        this.flags = tl.flags;
        this.segOfBar = tl.segOfBar;
        this.sig = sig;
        this.longs = spec.sides().longs();
        this.shorts = spec.sides().shorts();
        this.longBits = longs ? -1L : 0L;
        this.shortBits = shorts ? -1L : 0L;
        this.takerFee = spec.takerFee();
        this.makerFee = spec.makerFee();
        this.clearanceRate = spec.clearanceFeeRate();
        this.lastBar = tl.n - 1;
        this.setFrom = setFrom;
        this.flagBars = new int[blockBars + 1];
    }

    /** Starts block {@code [from, to)}: the signal block must hold its masks. */
    void block(int from, int to) {
        this.from = from;
        this.to = to;
        int nf = 0;
        for (int i = from; i < to; i++) if (flags[i] != 0) flagBars[nf++] = i;
        flagBars[nf] = to;
    }

    /** Runs set {@code set} over the current block. */
    void run(int set) {
        load(set);
        final int to = this.to, from = this.from;
        final int[] fb = flagBars;
        int fp = 0;
        int i = from;
        while (i < to) {
            if (pending != 0) { // the fill of an order from the last close
                if (flags[i] != 0) { // rule 1 or 2 comes first: the general step
                    bar(i);
                    i++;
                } else {
                    fill(i); // rules 4 to 7 of bar i follow as for any bar, with the new position
                }
                continue;
            }
            while (fb[fp] < i) fp++;
            int q = fp, e = fb[q];
            if (side == 0) while (e < to && (flags[e] & (Timeline.DAY | Timeline.EDGE)) == 0) e = fb[++q];
            boolean signal = false;
            if (e > i) {
                int s = nextSignal(i - from, e - from);
                if (s >= 0) { e = from + s; signal = true; }
            }
            // bars [i, e) have no flag that concerns the set and no signal that leads to an order
            if (side == 0) {
                if (e > i) mark(e - 1); // flat: constant equity, the same as marking every bar of [i, e)
            } else if (signal) {
                // the signal bar e has no flag: when no level may be hit and no new peak be reached up to it, rules 4
                // and 6 change only the trough and the duration (held), and rule 7 alone remains
                int c = held(i, e + 1);
                if (c > e) {
                    if (e < lastBar) pending = order(e - from);
                    i = e + 1;
                    continue;
                }
                e = c;
            } else {
                e = held(i, e);
            }
            if (e >= to) break;
            bar(e);
            i = e + 1;
        }
        store();
    }

    /**
     * Marks bars {@code [t, e)} of a held position and returns the first of them at which a level may be hit (not
     * marked), or {@code e}.
     */
    private int held(int t, int e) {
        while (t < e) {
            int c = scan(t, e);
            // bars [t, c) changed the trough (scan) and the drawdown duration, which grows with time
            if (c > t) {
                double d = tm[c - 1] - peakT;
                if (d > maxDur) maxDur = d;
            }
            if (c >= e) return e;
            if (low[c] <= trigLo || high[c] >= trigHi) return c;
            mark(c);
            t = c + 1;
        }
        return e;
    }

    /**
     * The first bar in {@code [t, e)} at which the held position may hit a level or reach a new equity peak, or
     * {@code e}; the bars before it take their least equity into {@link #laneTrough} (as {@link #mark} would take it
     * into the trough, bar by bar).
     * Conservative: a bar returned may turn out quiet. Whole chunks are checked {@link #L} at a time against their
     * extremes: a quiet chunk's least equity is that at its least (long) or greatest (short) close. Bars of a chunk
     * that is cut by {@code t} or {@code e}, or that may hold a candidate, are checked as one vector of bars.
     */
    private int scan(int t, int e) {
        // bars up to the first chunk boundary
        int head = Math.min(e, (t + L - 1) / L * L);
        if (head > t) {
            int c = bars(t, head);
            if (c >= 0) return c;
        }
        final int kEnd = e / L; // whole chunks [head / L, kEnd) lie inside [t, e)
        int k = head / L;
        if (k < kEnd) {
            final DoubleVector vLo = DoubleVector.broadcast(ScreenKernel.DS, trigLo), vHi = DoubleVector.broadcast(ScreenKernel.DS, trigHi);
            final DoubleVector vEp = DoubleVector.broadcast(ScreenKernel.DS, ep), vSq = DoubleVector.broadcast(ScreenKernel.DS, sq);
            final DoubleVector vCash = DoubleVector.broadcast(ScreenKernel.DS, cash), vPeak = DoubleVector.broadcast(ScreenKernel.DS, peak);
            DoubleVector vTr = DoubleVector.fromArray(ScreenKernel.DS, laneTrough, 0);
            while (k < kEnd) {
                DoubleVector a = DoubleVector.fromArray(ScreenKernel.DS, mxC, k).sub(vEp).lanewise(VectorOperators.FMA, vSq, vCash);
                DoubleVector b = DoubleVector.fromArray(ScreenKernel.DS, mnC, k).sub(vEp).lanewise(VectorOperators.FMA, vSq, vCash);
                long bits = DoubleVector.fromArray(ScreenKernel.DS, mnL, k).compare(VectorOperators.LE, vLo)
                        .or(DoubleVector.fromArray(ScreenKernel.DS, mxH, k).compare(VectorOperators.GE, vHi))
                        .or(a.compare(VectorOperators.GE, vPeak)).or(b.compare(VectorOperators.GE, vPeak)).toLong();
                if (kEnd - k < L) bits |= -1L << (kEnd - k); // chunks past kEnd are not this scan's
                DoubleVector least = b.blend(a, a.compare(VectorOperators.LT, b));
                VectorMask<Double> lower = least.compare(VectorOperators.LT, vTr);
                if (bits == 0) {
                    vTr = vTr.blend(least, lower);
                    k += L;
                    continue;
                }
                int f = Long.numberOfTrailingZeros(bits);
                // chunks before f are quiet
                vTr = vTr.blend(least, lower.and(VectorMask.fromLong(ScreenKernel.DS, (1L << f) - 1)));
                k += f;
                if (k >= kEnd) break;
                // chunk k may hold a hit or a new peak: its bars
                vTr.intoArray(laneTrough, 0);
                int c = bars(k * L, k * L + L);
                if (c >= 0) return c;
                vTr = DoubleVector.fromArray(ScreenKernel.DS, laneTrough, 0);
                k++;
            }
            vTr.intoArray(laneTrough, 0);
        }
        // bars after the last whole chunk
        int tail = Math.max(head, kEnd * L);
        if (e > tail) {
            int c = bars(tail, e);
            if (c >= 0) return c;
        }
        return e;
    }

    /**
     * Bars {@code [b, end)} of one chunk of {@link #L} bars, as one vector step: the first that may hit a level or reach
     * a new peak, or −1; the equity of the bars before it joins {@link #laneTrough}. Scalar at the end of the data.
     */
    private int bars(int b, int end) {
        final int base = b / L * L;
        if (base + L > close.length) {
            final double lo = trigLo, hi = trigHi, pk = peak, ep = this.ep, sq = this.sq, cash = this.cash;
            double tr = laneTrough[0];
            for (int i = b; i < end; i++) {
                double eq = Math.fma(close[i] - ep, sq, cash);
                if (low[i] <= lo || high[i] >= hi || eq >= pk) { laneTrough[0] = tr; return i; }
                if (eq < tr) tr = eq;
            }
            laneTrough[0] = tr;
            return -1;
        }
        DoubleVector eq = DoubleVector.fromArray(ScreenKernel.DS, close, base).sub(ep).lanewise(VectorOperators.FMA, sq, cash);
        long lanes = (-1L << (b - base)) & ((1L << (end - base)) - 1);
        long bits = DoubleVector.fromArray(ScreenKernel.DS, low, base).compare(VectorOperators.LE, trigLo)
                .or(DoubleVector.fromArray(ScreenKernel.DS, high, base).compare(VectorOperators.GE, trigHi))
                .or(eq.compare(VectorOperators.GE, peak)).toLong() & lanes;
        long quiet = bits == 0 ? lanes : lanes & ((bits & -bits) - 1); // the lanes before the first candidate
        DoubleVector tr = DoubleVector.fromArray(ScreenKernel.DS, laneTrough, 0);
        tr.blend(eq, eq.compare(VectorOperators.LT, tr).and(VectorMask.fromLong(ScreenKernel.DS, quiet))).intoArray(laneTrough, 0);
        return bits == 0 ? -1 : base + Long.numberOfTrailingZeros(bits);
    }

    /** Rules 1–7 for bar {@code i}, exactly as {@link ScreenKernel}'s step and markVector. */
    private void bar(int i) {
        byte f = flags[i];
        if ((f & (Timeline.DAY | Timeline.EDGE)) != 0) kernel.recordMarks(j, i, Math.fma(close[i - 1] - ep, sq, cash));
        if ((f & Timeline.FUNDING) != 0 && side != 0) {
            double pay = sq * fundMark[i] * fundRate[i];
            cash -= pay;
            margin -= pay;
            funding += pay;
            tradeFunding += pay;
            if (segOfBar != null) kernel.addSeg(j, segOfBar[i], LaneState.SEG_FUNDING, pay);
            setLiquidation();
        }
        if (pending != 0) fill(i);
        if (side != 0) inBar(i);
        if (i < lastBar) pending = order(i - from);
        mark(i);
    }

    /** Rule 3: the pending order's fills at bar {@code i}'s open (the exit, then the entry). */
    private void fill(int i) {
        byte p = pending;
        pending = 0;
        double o = open[i];
        if ((p & ScreenKernel.PEND_EXIT) != 0 && side != 0) exit(i, o, takerFee, false, 0);
        if ((p & ScreenKernel.PEND_LONG) != 0) enter(i, 1, o);
        else if ((p & ScreenKernel.PEND_SHORT) != 0) enter(i, -1, o);
    }

    /** Rules 4–5: stop-loss, take-profit and liquidation inside bar {@code i}. */
    private void inBar(int i) {
        double o = open[i], h = high[i], l = low[i];
        double lq = liq;
        if (entryBar < i) {
            if (side > 0) {
                double a = trigLo, t = trigHi;
                boolean stopFirst = !(lq > sl);
                if (o <= a) adverse(i, stopFirst, o);
                else if (o >= t) exit(i, o, makerFee, false, 2);
                else if (l <= a) adverse(i, stopFirst, sl);
                else if (h >= t) exit(i, t, makerFee, false, 2);
            } else {
                double a = trigHi, t = trigLo;
                boolean stopFirst = !(lq < sl);
                if (o >= a) adverse(i, stopFirst, o);
                else if (o <= t) exit(i, o, makerFee, false, 2);
                else if (h >= a) adverse(i, stopFirst, sl);
                else if (l <= t) exit(i, t, makerFee, false, 2);
            }
        } else if (side > 0 ? (lq > 0 && l <= lq) : h >= lq) {
            exit(i, lq, 0, true, 3);
        }
    }

    private void adverse(int i, boolean stopFirst, double stopFill) {
        if (stopFirst) exit(i, side > 0 ? Math.min(stopFill, sl) : Math.max(stopFill, sl), takerFee, false, 1);
        else exit(i, liq, 0, true, 3);
    }

    /** Rule 6: mark-to-market at bar {@code i}'s close (as {@link ScreenKernel}'s markVector and closeEpoch). */
    private void mark(int i) {
        double eq = Math.fma(close[i] - ep, sq, cash);
        double t = tm[i];
        if (eq >= peak) {
            double tr = fullTrough();
            if (tr < peak) { // the drawdown epoch since the last peak ends
                double dd = (peak - tr) / peak;
                if (dd > maxDD) maxDD = dd;
            }
            peak = eq;
            peakT = t;
            trough = eq;
        } else if (eq < trough) {
            trough = eq;
        }
        double d = t - peakT; // durations are >= 0 and never NaN: the same as Math.max
        if (d > maxDur) maxDur = d;
    }

    /** The least of {@link #trough} and {@link #laneTrough}, which it empties: the set's trough. */
    private double fullTrough() {
        double tr = trough;
        for (int k = 0; k < L; k++) {
            double v = laneTrough[k];
            if (v < tr) tr = v;
            laneTrough[k] = POS;
        }
        trough = tr;
        return tr;
    }

    /** The set's signal word {@code w} of the block that matters to a position of {@code side}. */
    private long relevantWord(int w) {
        int o = word0 + w;
        if (side > 0) return (sig.exitLong[o] & longBits) | (sig.enterShort[o] & shortBits);
        if (side < 0) return (sig.exitShort[o] & shortBits) | (sig.enterLong[o] & longBits);
        return (sig.enterLong[o] & longBits) ^ (sig.enterShort[o] & shortBits);
    }

    /** First block bar in {@code [b, end)} with a signal that leads to an order for the set's side, or −1. */
    private int nextSignal(int b, int end) {
        int w = b >>> 6;
        int wEnd = (end + 63) >>> 6;
        long m = relevantWord(w) & (-1L << (b & 63));
        while (true) {
            if (m != 0) {
                int r = (w << 6) + Long.numberOfTrailingZeros(m);
                return r < end ? r : -1;
            }
            if (++w >= wEnd) return -1;
            m = relevantWord(w);
        }
    }

    /** Rule 7: the order from the signals at block bar {@code bo}, for the set's side after the bar's fills and exits. */
    private byte order(int bo) {
        int w = word0 + (bo >>> 6);
        long bit = 1L << bo;
        boolean eL = longs && (sig.enterLong[w] & bit) != 0, xL = longs && (sig.exitLong[w] & bit) != 0;
        boolean eS = shorts && (sig.enterShort[w] & bit) != 0, xS = shorts && (sig.exitShort[w] & bit) != 0;
        byte np = 0;
        if (side > 0) {
            if (xL || eS) np |= ScreenKernel.PEND_EXIT;
            if (eS) np |= ScreenKernel.PEND_SHORT;
        } else if (side < 0) {
            if (xS || eL) np |= ScreenKernel.PEND_EXIT;
            if (eL) np |= ScreenKernel.PEND_LONG;
        } else if (eL != eS) {
            np |= eL ? ScreenKernel.PEND_LONG : ScreenKernel.PEND_SHORT;
        }
        return np;
    }

    /** Rule 3, entry at {@code price}: see {@link ScreenKernel}. */
    private void enter(int i, int newSide, double price) {
        double wallet = cash;
        if (!(wallet > 0)) return;
        double m = fraction * wallet;
        double notional = m * leverage;
        double qty = notional / price;
        double fee = notional * takerFee;
        cash -= fee;
        fees += fee;
        if (segOfBar != null) kernel.addSeg(j, segOfBar[i], LaneState.SEG_FEES, fee);
        entryFee = fee;
        tradeFunding = 0;
        side = newSide;
        sq = newSide * qty;
        ep = price;
        margin = m;
        entryBar = i;
        double sd = !Double.isNaN(stopPct) ? stopPct * price
                : !Double.isNaN(stopAtr) ? stopAtr * ScreenKernel.seriesAt(stopSeries, i - 1) : Double.NaN;
        double td = !Double.isNaN(takePct) ? takePct * price
                : !Double.isNaN(takeAtr) ? takeAtr * ScreenKernel.seriesAt(takeSeries, i - 1)
                : !Double.isNaN(riskReward) ? riskReward * sd : Double.NaN;
        if (newSide > 0) {
            sl = Double.isNaN(sd) ? NEG : price - sd;
            tp = Double.isNaN(td) ? POS : price + td;
        } else {
            sl = Double.isNaN(sd) ? POS : price + sd;
            tp = Double.isNaN(td) ? NEG : price - td;
        }
        risk = Double.isNaN(sd) ? Double.NaN : sd * qty;
        setLiquidation();
    }

    /** The liquidation price from the current isolated margin, and the levels the scan watches. */
    private void setLiquidation() {
        double lq = Liquidation.isolated(brackets, margin, side, Math.abs(sq), ep);
        liq = lq; // long: 0 = none
        // levels are never NaN: comparisons give Math.max and Math.min
        if (side > 0) {
            double a = lq > 0 ? lq : NEG;
            trigLo = sl >= a ? sl : a;
            trigHi = tp;
        } else {
            trigLo = tp;
            trigHi = sl <= lq ? sl : lq;
        }
    }

    /** Closes the position at {@code price}; reasons as {@link ScreenKernel#exit}. */
    private void exit(int i, double price, double feeRate, boolean liquidation, int reason) {
        double q = sq;
        double gross = q * (price - ep);
        double fee;
        if (liquidation) {
            double clearance = Liquidation.clearanceFee(q, price, clearanceRate);
            double loss = Math.min(margin, clearance - gross);
            fee = loss + gross;
            liquidations += 1;
        } else {
            fee = Math.abs(q) * price * feeRate;
        }
        cash += gross - fee;
        fees += fee;
        if (reason == 1) stopExits += 1;
        else if (reason == 2) takeExits += 1;
        double net = gross - fee - entryFee - tradeFunding;
        trades += 1;
        boolean win = net > 0;
        if (win) { wins += 1; grossProfit += net; } else { grossLoss -= net; }
        if (!Double.isNaN(risk) && risk > 0) { sumR += net / risk; countR += 1; }
        barsInPos += i - entryBar;
        if (segOfBar != null) {
            int sg = segOfBar[Math.min(i, tl.n - 1)];
            kernel.addSeg(j, sg, LaneState.SEG_FEES, fee);
            kernel.addSeg(j, sg, LaneState.SEG_TRADES, 1);
            if (win) { kernel.addSeg(j, sg, LaneState.SEG_WINS, 1); kernel.addSeg(j, sg, LaneState.SEG_GROSS_PROFIT, net); }
            else kernel.addSeg(j, sg, LaneState.SEG_GROSS_LOSS, -net);
            kernel.splitExposure(j, entryBar, i);
        }
        side = 0;
        sq = 0;
        ep = 0;
        margin = 0;
        liq = 0;
        trigLo = NEG;
        trigHi = POS;
    }

    private void load(int set) {
        final LaneState s = st;
        j = set;
        word0 = (set - setFrom) * sig.words;
        side = s.side[set]; entryBar = s.entryBar[set]; pending = s.pending[set];
        cash = s.cash[set]; sq = s.sq[set]; ep = s.ep[set]; margin = s.margin[set]; liq = s.liq[set];
        sl = s.sl[set]; tp = s.tp[set]; trigLo = s.trigLo[set]; trigHi = s.trigHi[set];
        entryFee = s.entryFee[set]; tradeFunding = s.tradeFunding[set]; risk = s.risk[set];
        peak = s.peak[set]; peakT = s.peakT[set]; maxDur = s.maxDur[set]; trough = s.trough[set]; maxDD = s.maxDD[set];
        trades = s.trades[set]; wins = s.wins[set]; grossProfit = s.grossProfit[set]; grossLoss = s.grossLoss[set];
        sumR = s.sumR[set]; countR = s.countR[set]; fees = s.fees[set]; funding = s.funding[set];
        liquidations = s.liquidations[set]; stopExits = s.stopExits[set]; takeExits = s.takeExits[set];
        barsInPos = s.barsInPos[set];
        java.util.Arrays.fill(laneTrough, POS);
        final LaneParams p = params;
        fraction = p.fraction()[set]; leverage = p.leverage()[set]; stopPct = p.stopPct()[set]; takePct = p.takePct()[set];
        stopAtr = p.stopAtr()[set]; takeAtr = p.takeAtr()[set]; riskReward = p.riskReward()[set];
        stopSeries = p.stopSeries()[set]; takeSeries = p.takeSeries()[set];
    }

    private void store() {
        final LaneState s = st;
        fullTrough();
        final int set = j;
        s.side[set] = (byte) side; s.entryBar[set] = entryBar; s.pending[set] = pending;
        s.cash[set] = cash; s.sq[set] = sq; s.ep[set] = ep; s.margin[set] = margin; s.liq[set] = liq;
        s.sl[set] = sl; s.tp[set] = tp; s.trigLo[set] = trigLo; s.trigHi[set] = trigHi;
        // the lane kernel's per-side copies of the levels
        s.advL[set] = side > 0 ? trigLo : NEG;
        s.tpL[set] = side > 0 ? trigHi : POS;
        s.advS[set] = side < 0 ? trigHi : POS;
        s.tpS[set] = side < 0 ? trigLo : NEG;
        s.entryFee[set] = entryFee; s.tradeFunding[set] = tradeFunding; s.risk[set] = risk;
        s.peak[set] = peak; s.peakT[set] = peakT; s.maxDur[set] = maxDur; s.trough[set] = trough; s.maxDD[set] = maxDD;
        s.trades[set] = trades; s.wins[set] = wins; s.grossProfit[set] = grossProfit; s.grossLoss[set] = grossLoss;
        s.sumR[set] = sumR; s.countR[set] = countR; s.fees[set] = fees; s.funding[set] = funding;
        s.liquidations[set] = liquidations; s.stopExits[set] = stopExits; s.takeExits[set] = takeExits;
        s.barsInPos[set] = barsInPos;
    }
}
