package vq.kernels.screen;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import vq.kernels.margin.Liquidation;

/**
 * The screening simulator for one thread's range of parameter sets: SIMD lanes across parameter sets,
 * bars in blocks. This class is the written contract of the execution rules (DESIGN.md §6); the event
 * simulator's {@code screening} fidelity implements the same text.
 *
 * <h2>Execution rules (per bar {@code i}, in this order)</h2>
 * <ol>
 * <li><b>Day marks and window edges</b>: for each 00:00 UTC boundary and window edge {@code D} with
 *     {@code ts[i−1] < D ≤ ts[i]}, the equity marked at bar {@code i−1}'s close is recorded (daily return
 *     {@code E/E_prev − 1}; 0 while {@code E_prev ≤ 0}).</li>
 * <li><b>Funding</b> ({@link FundingSchedule}): a position of signed quantity {@code q} pays
 *     {@code q × mark × rate}; the payment comes out of the wallet and out of the position's isolated
 *     margin, and the liquidation price is recomputed from the reduced margin.</li>
 * <li><b>Fills at the open</b> of orders from bar {@code i−1}'s close signals: first the exit (market,
 *     taker fee, reason {@code signal}), then the entry (market, taker fee). Entry sizing: isolated margin
 *     {@code M = fraction × wallet}, notional {@code M × leverage}, {@code qty = notional / open}; the fee is
 *     paid from the wallet. No entry when the wallet is ≤ 0. Stop distance: {@code stopPct × fill} or
 *     {@code stopAtr × ATR[i−1]}; take-profit distance {@code takePct × fill}, {@code takeAtr × ATR[i−1]}
 *     or {@code riskReward × stop distance}. Liquidation price: Binance's isolated formula with the
 *     symbol's tiered maintenance margin ({@link Liquidation#isolated}); 0 means none (low-leverage long).</li>
 * <li><b>In-bar exits</b>. Stop-loss and take-profit are live from the bar after the entry bar; liquidation
 *     is live from the entry bar itself. For a long, with {@code A = max(stop, liq)} (short:
 *     {@code min}, mirrored): if {@code open ≤ A} the adverse level is hit at the open; else if
 *     {@code open ≥ tp} the take-profit fills at the open; else if {@code low ≤ A} the adverse level is hit;
 *     else if {@code high ≥ tp} the take-profit fills at {@code tp}. An adverse hit is a stop when
 *     {@code stop ≥ liq} (long; short: {@code stop ≤ liq}) and fills at {@code min(open, stop)} (taker),
 *     else a liquidation at {@code liq}. Take-profit pays the maker fee.</li>
 * <li><b>Liquidation</b> closes at {@code liq}: the position loses
 *     {@code min(M, −pnl(liq) + clearance)} where {@code clearance = qty × liq × clearanceFeeRate}, i.e. the
 *     clearance fee is charged but the loss never exceeds the isolated margin {@code M} (the insurance fund
 *     takes the rest); the fee recorded is that loss minus the price loss.</li>
 * <li><b>Mark</b> at the close: {@code equity = wallet + q × (close − entry)} (fused multiply-add);
 *     peak, drawdown {@code (peak − equity)/peak}, and drawdown duration (time from the peak bar to the
 *     latest bar still below it, bar open times).</li>
 * <li><b>Signals</b> at the close (skipped on the last bar): long position — exit on exitLong or
 *     enterShort, and reverse into a short on enterShort; short mirrored; flat — enter long on enterLong,
 *     short on enterShort, nothing when both. Signals of a side the screen does not trade are ignored.</li>
 * </ol>
 * After the last bar an open position is closed at the last close (taker fee, reason {@code end_of_data}),
 * and a final daily mark is taken with the resulting equity. Trade net PnL = price PnL − entry fee − exit
 * fee − funding paid during the trade; exposure counts the bar closes at which a position was open.
 *
 * Drawdown: per set the peak equity, its time and the trough (least equity since that peak); a new peak or the end
 * closes the epoch with {@code maxDD = max(maxDD, (peak − trough)/peak)}, which is the largest per-bar
 * {@code (peak − equity)/peak} bit for bit (under one peak the drawdown falls as the equity rises).
 *
 * <h2>Implementation</h2>
 * Two, chosen by {@link Screener.Kernel} and bit-identical. {@code WALK} (default, {@link SetWalk}): one set at a
 * time, event to event, state in scalar fields, quiet stretches skipped with SIMD across bars. {@code LANES}: lanes
 * hold one parameter set each; the hot loop keeps position, levels and equity statistics in vector registers and
 * only detects events (fills, level crossings, funding, day marks, new peaks); each event bar runs {@link #step}
 * scalar for the lanes of that vector, with arithmetic identical to the vector path. Either way results are
 * bit-identical at any thread count and block size.
 */
final class ScreenKernel {
    static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    static final int L = DS.length();
    static final byte PEND_EXIT = 1, PEND_LONG = 2, PEND_SHORT = 4;
    static final long DAY_NANOS = 86_400_000_000_000L;

    static {
        if (4 * L > 64) throw new ExceptionInInitializerError("4 signal kinds x " + L + " lanes do not fit a long");
    }

    private final BarSeries bars;
    private final double[] open, high, low, close, tm;
    private final double[] fundRate, fundMark;
    private final Timeline tl;
    private final ExecutionSpec spec;
    private final LaneParams params;
    private final LaneState st;
    private final Windows windows;
    private final int[] edgeFirst;
    private final int[] segFirstBar;
    private final SignalSource signals;
    private final SignalBlock sig;
    private final int setFrom, setTo, groupFrom, groupTo, blockBars;
    private final boolean longs, shorts;
    private final long[] anyW;
    /**
     * The group's signal bits transposed per block bar: bit {@code kind × L + k} of {@code laneSig[bo]} is signal
     * {@code kind} (0 enterLong, 1 exitLong, 2 enterShort, 3 exitShort; kinds of sides not traded are dropped) of
     * lane {@code k} at block bar {@code bo}. Only bars with a bit in {@link #anyW} are non-zero; cleared after the group.
     */
    private final long[] laneSig;
    private final int laneMask;
    private int b0;
    /** The per-set walk, or null for the lane kernel. */
    private final SetWalk walk;
    /** Group bits (positions, longs, pending orders) handed to and back from {@link #quietHeld}. */
    private int hPos, hLong, hPend;

    ScreenKernel(BarSeries bars, FundingSchedule funding, Timeline tl, ExecutionSpec spec, LaneParams params,
                 LaneState st, Windows windows, int[] edgeFirst, int[] segFirstBar, SignalSource signals,
                 int groupFrom, int groupTo, int blockBars, boolean walk) {
        this.bars = bars;
        this.open = bars.open(); this.high = bars.high(); this.low = bars.low(); this.close = bars.close();
        this.tm = tl.tMillis;
        this.fundRate = funding.rates();
        this.fundMark = funding.marks();
        this.tl = tl;
        this.spec = spec;
        this.params = params;
        this.st = st;
        this.windows = windows;
        this.edgeFirst = edgeFirst;
        this.segFirstBar = segFirstBar;
        this.signals = signals;
        this.groupFrom = groupFrom;
        this.groupTo = groupTo;
        this.setFrom = groupFrom * L;
        this.setTo = Math.min(st.sets, groupTo * L);
        this.blockBars = blockBars;
        this.sig = new SignalBlock(blockBars, (groupTo - groupFrom) * L);
        this.longs = spec.sides().longs();
        this.shorts = spec.sides().shorts();
        this.anyW = new long[sig.words];
        this.laneSig = new long[sig.words * 64];
        this.laneMask = (1 << L) - 1;
        this.walk = walk ? new SetWalk(this, bars, funding, tl, spec, params, st, sig, setFrom, blockBars) : null;
    }

    /** Runs bars {@code [from, to)} (a block of at most {@code blockBars}) for this thread's sets. */
    void runBlock(int from, int to) {
        b0 = from;
        if (walk != null) {
            if (setTo <= setFrom) return;
            signals.fill(from, to, setFrom, setTo, sig);
            walk.block(from, to);
            for (int j = setFrom; j < setTo; j++) walk.run(j);
            return;
        }
        if (setTo > setFrom) signals.fill(from, to, setFrom, setTo, sig);
        for (int g = groupFrom; g < groupTo; g++) runGroup(g, from, to);
    }

    private void runGroup(int g, int from, int to) {
        final int base = g * L;
        final LaneState s = st;
        final int words = (to - from + 63) >>> 6;
        int valid = validBits(base);
        // OR of all relevant signal words of the group's lanes (bars where nothing can happen are skipped cheaply),
        // and the sparse bits transposed to one lane mask per bar
        // lane by lane, so each lane's words are read in order (sequential streams the prefetcher follows; word by word
        // across lanes, every load was a new cache line of the signal block, which no longer fits L2)
        java.util.Arrays.fill(anyW, 0, words, 0L);
        for (int k = 0; k < L && base + k < setTo; k++) {
            int o = (base + k - setFrom) * sig.words;
            for (int w = 0; w < words; w++, o++) {
                long a = 0;
                if (longs) {
                    a |= scatter(sig.enterLong[o], w, 1L << k) | scatter(sig.exitLong[o], w, 1L << (L + k));
                }
                if (shorts) {
                    a |= scatter(sig.enterShort[o], w, 1L << (2 * L + k)) | scatter(sig.exitShort[o], w, 1L << (3 * L + k));
                }
                anyW[w] |= a;
            }
        }
        int posBits = s.posBits[g], longBits = s.longBits[g], pend = s.pendBits[g], lastMarked = s.lastMarked[g];
        final byte[] flags = tl.flags;
        // State stays in the lane arrays (L1-resident); vectors live within one iteration only, so C2 never has
        // to box them across loop phis or calls.
        for (int i = from; i < to; i++) {
            if (posBits != 0) {
                // fast path: positions open, every bar but funding, day marks and window edges with the lane state
                // in registers
                hPos = posBits; hLong = longBits; hPend = pend;
                int r = quietHeld(base, i, from, to, valid);
                posBits = hPos; longBits = hLong; pend = hPend;
                if (r > i) lastMarked = r - 1;
                i = r;
                if (i >= to) break;
                if (posBits == 0 && pend == 0) { i--; continue; } // all flat again: the scan below
            } else if (pend == 0) {
                i = quietFlat(i, from, to);
                if (i >= to) break;
            }
            byte f = flags[i];
            // lanes that need the full step: fills, funding, a level reached
            int need = pend;
            if ((f & Timeline.FUNDING) != 0) need |= posBits;
            if (posBits != 0) {
                DoubleVector l = DoubleVector.broadcast(DS, low[i]);
                DoubleVector h = DoubleVector.broadcast(DS, high[i]);
                VectorMask<Double> hit = l.compare(VectorOperators.LE, DoubleVector.fromArray(DS, s.trigLo, base))
                        .or(h.compare(VectorOperators.GE, DoubleVector.fromArray(DS, s.trigHi, base)));
                if (hit.anyTrue()) need |= (int) hit.toLong();
            }
            int bo = i - from;
            // lanes whose only event is a signal that leads to an order: rule 7 alone (no step). Their in-bar
            // exits cannot fire: BarSeries guarantees low <= open <= high, so an open beyond a level is a hit above.
            int sigOnly = ((anyW[bo >>> 6] >>> bo) & 1L) != 0 ? relevant(bo, valid, posBits, longBits) & ~need : 0;
            if ((f & (Timeline.DAY | Timeline.EDGE)) != 0) {
                if (lastMarked < i - 1) { markVector(base, i - 1); lastMarked = i - 1; }
                recordMarks(base, i);
            }
            if ((need | sigOnly) != 0) {
                if (lastMarked < i - 1) markVector(base, i - 1);
                if (need != 0) {
                    hPos = posBits; hLong = longBits; hPend = pend;
                    stepLanes(base, need, i);
                    posBits = hPos; longBits = hLong; pend = hPend;
                }
                if (i < tl.n - 1) pend |= orders(base, sigOnly, bo);
                markVector(base, i);
                lastMarked = i;
            } else if (posBits != 0) {
                markVector(base, i);
                lastMarked = i;
            }
        }
        if (lastMarked < to - 1) {
            markVector(base, to - 1);
            lastMarked = to - 1;
        }
        for (int w = 0; w < words; w++)
            for (long b = anyW[w]; b != 0; b &= b - 1) laneSig[(w << 6) + Long.numberOfTrailingZeros(b)] = 0;
        s.posBits[g] = posBits; s.longBits[g] = longBits; s.pendBits[g] = pend; s.lastMarked[g] = lastMarked;
    }

    /**
     * Runs bars {@code [i, r)} of a group with an open position, keeping the lane state in registers, and returns
     * {@code r}: the first bar with a day mark, window edge or funding time (not run), or the bar after the one at
     * which the group's last position closed. Signal bars, fills and in-bar exits are handled here with exactly the
     * general path's steps in the same order (a lane hit or with a pending order runs {@link #step}; a lane whose
     * only event is a signal gets its order from rule 7; then every lane is marked); only the register-held state is
     * written back around the scalar steps. Marking is identical arithmetic to {@link #markVector} and
     * {@link #closeEpoch} (drawdown epochs closed lane-wise in registers). Group bits come in and go out
     * through {@link #hPos}, {@link #hLong}, {@link #hPend}.
     */
    private int quietHeld(int base, int i, int from, int to, int valid) {
        final LaneState s = st;
        final double[] lo = low, hi = high, cl = close, t = tm;
        final byte[] fl = tl.flags;
        final long[] aw = anyW;
        final int lastBar = tl.n - 1;
        int posBits = hPos, longBits = hLong, pend = hPend;
        DoubleVector ep = DoubleVector.fromArray(DS, s.ep, base), sq = DoubleVector.fromArray(DS, s.sq, base);
        DoubleVector cash = DoubleVector.fromArray(DS, s.cash, base);
        DoubleVector trough = DoubleVector.fromArray(DS, s.trough, base), maxDD = DoubleVector.fromArray(DS, s.maxDD, base);
        DoubleVector trigLo = DoubleVector.fromArray(DS, s.trigLo, base), trigHi = DoubleVector.fromArray(DS, s.trigHi, base);
        DoubleVector peak = DoubleVector.fromArray(DS, s.peak, base), peakT = DoubleVector.fromArray(DS, s.peakT, base);
        LongVector maxDur = DoubleVector.fromArray(DS, s.maxDur, base).reinterpretAsLongs();
        int r = to;
        for (; i < to; i++) {
            int bo = i - from;
            if ((fl[i] & (Timeline.DAY | Timeline.FUNDING | Timeline.EDGE)) != 0) { r = i; break; }
            VectorMask<Double> hit = DoubleVector.broadcast(DS, lo[i]).compare(VectorOperators.LE, trigLo)
                    .or(DoubleVector.broadcast(DS, hi[i]).compare(VectorOperators.GE, trigHi));
            boolean sigBar = ((aw[bo >>> 6] >>> bo) & 1L) != 0;
            if (sigBar || pend != 0 || hit.anyTrue()) {
                // the general path's event handling for this bar (no funding, day mark or edge here)
                int need = pend | (int) hit.toLong();
                int sigOnly = sigBar ? relevant(bo, valid, posBits, longBits) & ~need : 0;
                if (need != 0) {
                    // the scalar steps read and write the lane arrays: no vector lives across the calls
                    maxDD.intoArray(s.maxDD, base);
                    trough.intoArray(s.trough, base);
                    peak.intoArray(s.peak, base);
                    peakT.intoArray(s.peakT, base);
                    maxDur.reinterpretAsDoubles().intoArray(s.maxDur, base);
                    hPos = posBits; hLong = longBits; hPend = pend;
                    stepLanes(base, need, i);
                    posBits = hPos; longBits = hLong; pend = hPend;
                    ep = DoubleVector.fromArray(DS, s.ep, base);
                    sq = DoubleVector.fromArray(DS, s.sq, base);
                    cash = DoubleVector.fromArray(DS, s.cash, base);
                    trigLo = DoubleVector.fromArray(DS, s.trigLo, base);
                    trigHi = DoubleVector.fromArray(DS, s.trigHi, base);
                    trough = DoubleVector.fromArray(DS, s.trough, base);
                    maxDD = DoubleVector.fromArray(DS, s.maxDD, base);
                    peak = DoubleVector.fromArray(DS, s.peak, base);
                    peakT = DoubleVector.fromArray(DS, s.peakT, base);
                    maxDur = DoubleVector.fromArray(DS, s.maxDur, base).reinterpretAsLongs();
                }
                if (i < lastBar) pend |= orders(base, sigOnly, bo);
            }
            DoubleVector c = DoubleVector.broadcast(DS, cl[i]);
            DoubleVector tv = DoubleVector.broadcast(DS, t[i]);
            DoubleVector eq = c.sub(ep).lanewise(VectorOperators.FMA, sq, cash);
            VectorMask<Double> np = eq.compare(VectorOperators.GE, peak);
            if (np.anyTrue()) {
                // closeEpoch lane-wise: a new peak ends the drawdown since the last one, (peak − trough)/peak
                VectorMask<Double> open = trough.compare(VectorOperators.LT, peak).and(np);
                if (open.anyTrue()) {
                    DoubleVector d = peak.sub(trough).div(peak);
                    maxDD = maxDD.blend(d, d.compare(VectorOperators.GT, maxDD).and(open));
                }
                peak = peak.blend(eq, np);
                peakT = peakT.blend(tv, np);
                trough = trough.blend(eq, np);
            }
            trough = trough.blend(eq, eq.compare(VectorOperators.LT, trough));
            // durations are >= 0: as raw bits they order like the doubles, and the integer max is one instruction
            maxDur = maxDur.max(tv.sub(peakT).reinterpretAsLongs());
            if (posBits == 0) { r = i + 1; break; } // flat group: the cheaper scan takes over
        }
        maxDD.intoArray(s.maxDD, base);
        trough.intoArray(s.trough, base);
        peak.intoArray(s.peak, base);
        peakT.intoArray(s.peakT, base);
        maxDur.reinterpretAsDoubles().intoArray(s.maxDur, base);
        hPos = posBits;
        hLong = longBits;
        hPend = pend;
        return r;
    }

    /** Runs {@link #step} at bar {@code i} for the lanes in {@code need}, updating {@link #hPos}, {@link #hLong}, {@link #hPend}. */
    private void stepLanes(int base, int need, int i) {
        final LaneState s = st;
        int posBits = hPos, longBits = hLong, pend = hPend;
        for (int b = need; b != 0; b &= b - 1) {
            int k = Integer.numberOfTrailingZeros(b), j = base + k;
            step(j, i);
            int bit = 1 << k;
            posBits = s.side[j] != 0 ? posBits | bit : posBits & ~bit;
            longBits = s.side[j] > 0 ? longBits | bit : longBits & ~bit;
            pend = s.pending[j] != 0 ? pend | bit : pend & ~bit;
        }
        hPos = posBits; hLong = longBits; hPend = pend;
    }

    /** Rule 7 alone for the lanes in {@code lanes} at block bar {@code bo}: sets their orders, returns the lanes with one. */
    private int orders(int base, int lanes, int bo) {
        int pend = 0;
        for (int b = lanes; b != 0; b &= b - 1) {
            int k = Integer.numberOfTrailingZeros(b), j = base + k;
            byte np = order(st.side[j], laneSig[bo], k);
            st.pending[j] = np;
            if (np != 0) pend |= 1 << k;
        }
        return pend;
    }

    /** As {@link #quietHeld} for a group without positions: flat lanes are marked lazily, so only the scan remains. */
    private int quietFlat(int i, int from, int to) {
        final byte[] fl = tl.flags;
        final long[] aw = anyW;
        for (; i < to; i++) {
            int bo = i - from;
            if ((fl[i] & (Timeline.DAY | Timeline.EDGE)) != 0 || ((aw[bo >>> 6] >>> bo) & 1L) != 0) return i;
        }
        return to;
    }

    /** Rule 6 for the lanes of one group: mark-to-market at bar {@code i}'s close (the arithmetic of {@link SetWalk}'s mark). */
    private void markVector(int base, int i) {
        final LaneState s = st;
        DoubleVector c = DoubleVector.broadcast(DS, close[i]);
        DoubleVector t = DoubleVector.broadcast(DS, tm[i]);
        DoubleVector peak = DoubleVector.fromArray(DS, s.peak, base);
        DoubleVector eq = c.sub(DoubleVector.fromArray(DS, s.ep, base))
                .lanewise(VectorOperators.FMA, DoubleVector.fromArray(DS, s.sq, base), DoubleVector.fromArray(DS, s.cash, base));
        VectorMask<Double> np = eq.compare(VectorOperators.GE, peak);
        if (np.anyTrue()) {
            long bits = np.toLong();
            for (int k = 0; k < L; k++) if (((bits >>> k) & 1L) != 0) closeEpoch(base + k);
            peak = peak.blend(eq, np);
            peak.intoArray(s.peak, base);
            DoubleVector.fromArray(DS, s.trough, base).blend(eq, np).intoArray(s.trough, base);
        }
        DoubleVector trough = DoubleVector.fromArray(DS, s.trough, base);
        trough.blend(eq, eq.compare(VectorOperators.LT, trough)).intoArray(s.trough, base);
        DoubleVector peakT = DoubleVector.fromArray(DS, s.peakT, base).blend(t, np);
        peakT.intoArray(s.peakT, base);
        // durations are >= 0: as raw bits they order like the doubles, and the integer max is one instruction
        DoubleVector.fromArray(DS, s.maxDur, base).reinterpretAsLongs().max(t.sub(peakT).reinterpretAsLongs())
                .reinterpretAsDoubles().intoArray(s.maxDur, base);
    }

    private int validBits(int base) {
        int v = 0;
        for (int k = 0; k < L; k++) if (base + k < setTo) v |= 1 << k;
        return v;
    }

    /** ORs {@code laneBit} into {@link #laneSig} at every bar of signal word {@code w} set in {@code bits}; returns bits. */
    private long scatter(long bits, int w, long laneBit) {
        for (long b = bits; b != 0; b &= b - 1) laneSig[(w << 6) + Long.numberOfTrailingZeros(b)] |= laneBit;
        return bits;
    }

    /** Lanes (bits) whose signals at block bar {@code bo} lead to an order. */
    private int relevant(int bo, int valid, int posBits, int longBits) {
        long m = laneSig[bo];
        int eL = (int) m & laneMask, xL = (int) (m >>> L) & laneMask;
        int eS = (int) (m >>> (2 * L)) & laneMask, xS = (int) (m >>> (3 * L)) & laneMask;
        int shortBits = posBits & ~longBits;
        int flat = valid & ~posBits;
        return (longBits & (xL | eS)) | (shortBits & (xS | eL)) | (flat & (eL ^ eS));
    }

    /**
     * Rule 7 for lane {@code k} of a group: the pending order from the signals {@code m} (a {@link #laneSig} entry)
     * at the close, for a lane whose side after the bar's fills and exits is {@code side}.
     */
    private byte order(int side, long m, int k) {
        boolean eL = ((m >>> k) & 1L) != 0, xL = ((m >>> (L + k)) & 1L) != 0;
        boolean eS = ((m >>> (2 * L + k)) & 1L) != 0, xS = ((m >>> (3 * L + k)) & 1L) != 0;
        byte np = 0;
        if (side > 0) {
            if (xL || eS) np |= PEND_EXIT;
            if (eS) np |= PEND_SHORT;
        } else if (side < 0) {
            if (xS || eL) np |= PEND_EXIT;
            if (eL) np |= PEND_LONG;
        } else if (eL != eS) {
            np |= eL ? PEND_LONG : PEND_SHORT;
        }
        return np;
    }

    /**
     * Ends set {@code j}'s drawdown epoch (at a new peak or the end): {@code maxDD = max(maxDD, (peak − trough)/peak)}.
     * Drawdown {@code (peak − e)/peak} falls as equity {@code e} rises under one peak, so this is the largest
     * per-bar drawdown of the epoch, bit for bit.
     */
    void closeEpoch(int j) {
        LaneState s = st;
        double peak = s.peak[j], trough = s.trough[j];
        if (trough < peak) {
            double dd = (peak - trough) / peak;
            if (dd > s.maxDD[j]) s.maxDD[j] = dd;
        }
    }

    private double markedEquity(int j, int i) {
        return Math.fma(close[i] - st.ep[j], st.sq[j], st.cash[j]);
    }

    /** Rule 1 for the lanes of a group: day marks and window edges at bar {@code i} (equity marked at bar i−1's close). */
    private void recordMarks(int base, int i) {
        for (int j = base, end = Math.min(base + L, setTo); j < end; j++) { // padding lanes have no marks
            recordMarks(j, i, markedEquity(j, i - 1));
        }
    }

    /** Rule 1 for set {@code j}: day marks and window edges at bar {@code i} with {@code e}, the equity marked at bar i−1's close. */
    void recordMarks(int j, int i, double e) {
        byte f = tl.flags[i];
        if ((f & Timeline.DAY) != 0) {
            // all marks of a gap go to the segment of the last completed day's start
            int seg = tl.segOfBar == null ? -1
                    : windows.segmentOf(Math.floorDiv(bars.tsNanos()[i], DAY_NANOS) * DAY_NANOS - DAY_NANOS);
            for (int k = tl.dayMarks[i]; k > 0; k--) dailyMark(j, e, seg);
        }
        if ((f & Timeline.EDGE) != 0) {
            for (int k = 0; k < tl.edgeCount[i]; k++) recordEdge(j, edgeFirst[i] + k, e);
        }
    }

    /**
     * Rules 2–5 and 7 for one lane at bar {@code i} (funding, fills, in-bar exits, signals); the caller then
     * marks every lane of the vector at the close (rule 6; marking does not depend on the signals).
     */
    private void step(int j, int i) {
        if (j >= setTo) return; // padding lane
        LaneState s = st;
        byte f = tl.flags[i];
        int side = s.side[j];
        if ((f & Timeline.FUNDING) != 0 && side != 0) {
            double pay = s.sq[j] * fundMark[i] * fundRate[i];
            s.cash[j] -= pay;
            s.margin[j] -= pay;
            s.funding[j] += pay;
            s.tradeFunding[j] += pay;
            if (tl.segOfBar != null) addSeg(j, tl.segOfBar[i], LaneState.SEG_FUNDING, pay);
            setLiquidation(j);
        }
        byte p = s.pending[j];
        if (p != 0) {
            s.pending[j] = 0;
            double o = open[i];
            if ((p & PEND_EXIT) != 0 && s.side[j] != 0) exit(j, i, o, spec.takerFee(), false, 0);
            if ((p & PEND_LONG) != 0) enter(j, i, 1, o);
            else if ((p & PEND_SHORT) != 0) enter(j, i, -1, o);
        }
        side = s.side[j];
        if (side != 0) {
            double o = open[i], h = high[i], l = low[i];
            double lq = s.liq[j];
            if (s.entryBar[j] < i) {
                if (side > 0) {
                    double a = s.advL[j], t = s.tpL[j];
                    boolean stopFirst = !(lq > s.sl[j]); // stop >= liq, or no liquidation price
                    if (o <= a) adverse(j, i, stopFirst, o);
                    else if (o >= t) exit(j, i, o, spec.makerFee(), false, 2);
                    else if (l <= a) adverse(j, i, stopFirst, s.sl[j]);
                    else if (h >= t) exit(j, i, t, spec.makerFee(), false, 2);
                } else {
                    double a = s.advS[j], t = s.tpS[j];
                    boolean stopFirst = !(lq < s.sl[j]);
                    if (o >= a) adverse(j, i, stopFirst, o);
                    else if (o <= t) exit(j, i, o, spec.makerFee(), false, 2);
                    else if (h >= a) adverse(j, i, stopFirst, s.sl[j]);
                    else if (l <= t) exit(j, i, t, spec.makerFee(), false, 2);
                }
            } else {
                if (side > 0 ? (lq > 0 && l <= lq) : h >= lq) exit(j, i, lq, 0, true, 3);
            }
        }
        if (i < tl.n - 1) s.pending[j] = order(s.side[j], laneSig[i - b0], j % L);
    }

    private void adverse(int j, int i, boolean stopFirst, double stopFill) {
        if (stopFirst) {
            double fill = st.side[j] > 0 ? Math.min(stopFill, st.sl[j]) : Math.max(stopFill, st.sl[j]);
            exit(j, i, fill, spec.takerFee(), false, 1);
        } else {
            exit(j, i, st.liq[j], 0, true, 3);
        }
    }

    private void enter(int j, int i, int side, double price) {
        LaneState s = st;
        double wallet = s.cash[j];
        if (!(wallet > 0)) return;
        double m = params.fraction()[j] * wallet;
        double notional = m * params.leverage()[j];
        double qty = notional / price;
        double fee = notional * spec.takerFee();
        s.cash[j] -= fee;
        s.fees[j] += fee;
        if (tl.segOfBar != null) addSeg(j, tl.segOfBar[i], LaneState.SEG_FEES, fee);
        s.entryFee[j] = fee;
        s.tradeFunding[j] = 0;
        s.side[j] = (byte) side;
        s.sq[j] = side * qty;
        s.ep[j] = price;
        s.margin[j] = m;
        s.entryBar[j] = i;
        double sd = !Double.isNaN(params.stopPct()[j]) ? params.stopPct()[j] * price
                : !Double.isNaN(params.stopAtr()[j]) ? params.stopAtr()[j] * seriesAt(params.stopSeries()[j], i - 1) : Double.NaN;
        double td = !Double.isNaN(params.takePct()[j]) ? params.takePct()[j] * price
                : !Double.isNaN(params.takeAtr()[j]) ? params.takeAtr()[j] * seriesAt(params.takeSeries()[j], i - 1)
                : !Double.isNaN(params.riskReward()[j]) ? params.riskReward()[j] * sd : Double.NaN;
        if (side > 0) {
            s.sl[j] = Double.isNaN(sd) ? Double.NEGATIVE_INFINITY : price - sd;
            s.tp[j] = Double.isNaN(td) ? Double.POSITIVE_INFINITY : price + td;
            s.tpL[j] = s.tp[j];
            s.tpS[j] = Double.NEGATIVE_INFINITY;
        } else {
            s.sl[j] = Double.isNaN(sd) ? Double.POSITIVE_INFINITY : price + sd;
            s.tp[j] = Double.isNaN(td) ? Double.NEGATIVE_INFINITY : price - td;
            s.tpS[j] = s.tp[j];
            s.tpL[j] = Double.POSITIVE_INFINITY;
        }
        s.risk[j] = Double.isNaN(sd) ? Double.NaN : sd * qty;
        setLiquidation(j);
    }

    private static final java.lang.foreign.ValueLayout.OfDouble LE_DOUBLE =
            java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Value of a per-bar series at bar {@code i} (NaN before the first bar or during warm-up: then no such exit). */
    static double seriesAt(java.lang.foreign.MemorySegment s, int i) {
        if (i < 0) return Double.NaN;
        double v = s.getAtIndex(LE_DOUBLE, i);
        return v > 0 ? v : Double.NaN;
    }

    /** Recomputes the liquidation price from the current isolated margin and the combined adverse level. */
    private void setLiquidation(int j) {
        LaneState s = st;
        int side = s.side[j];
        double qty = Math.abs(s.sq[j]);
        double lq = Liquidation.isolated(spec.brackets(), s.margin[j], side, qty, s.ep[j]);
        if (side > 0) {
            s.liq[j] = lq; // 0 = none
            s.advL[j] = Math.max(s.sl[j], lq > 0 ? lq : Double.NEGATIVE_INFINITY);
            s.advS[j] = Double.POSITIVE_INFINITY;
        } else {
            s.liq[j] = lq;
            s.advS[j] = Math.min(s.sl[j], lq);
            s.advL[j] = Double.NEGATIVE_INFINITY;
        }
        s.trigLo[j] = side > 0 ? s.advL[j] : s.tpS[j];
        s.trigHi[j] = side > 0 ? s.tpL[j] : s.advS[j];
    }

    /**
     * Closes lane {@code j}'s position at {@code price}. reason: 0 signal / end of data, 1 stop, 2 take-profit,
     * 3 liquidation (then {@code feeRate} is ignored and the clearance fee applies).
     */
    void exit(int j, int i, double price, double feeRate, boolean liquidation, int reason) {
        LaneState s = st;
        double q = s.sq[j];
        double gross = q * (price - s.ep[j]);
        double fee;
        if (liquidation) {
            double clearance = Liquidation.clearanceFee(q, price, spec.clearanceFeeRate());
            double loss = Math.min(s.margin[j], clearance - gross);
            fee = loss + gross;
            s.liquidations[j] += 1;
        } else {
            fee = Math.abs(q) * price * feeRate;
        }
        s.cash[j] += gross - fee;
        s.fees[j] += fee;
        if (reason == 1) s.stopExits[j] += 1;
        else if (reason == 2) s.takeExits[j] += 1;
        double net = gross - fee - s.entryFee[j] - s.tradeFunding[j];
        s.trades[j] += 1;
        boolean win = net > 0;
        if (win) { s.wins[j] += 1; s.grossProfit[j] += net; } else { s.grossLoss[j] -= net; }
        if (!Double.isNaN(s.risk[j]) && s.risk[j] > 0) { s.sumR[j] += net / s.risk[j]; s.countR[j] += 1; }
        int held = i - s.entryBar[j];
        s.barsInPos[j] += held;
        if (tl.segOfBar != null) {
            int sg = tl.segOfBar[Math.min(i, tl.n - 1)];
            addSeg(j, sg, LaneState.SEG_FEES, fee);
            addSeg(j, sg, LaneState.SEG_TRADES, 1);
            if (win) { addSeg(j, sg, LaneState.SEG_WINS, 1); addSeg(j, sg, LaneState.SEG_GROSS_PROFIT, net); }
            else addSeg(j, sg, LaneState.SEG_GROSS_LOSS, -net);
            splitExposure(j, s.entryBar[j], i);
        }
        s.side[j] = 0;
        s.sq[j] = 0;
        s.ep[j] = 0;
        s.margin[j] = 0;
        s.liq[j] = 0;
        s.advL[j] = Double.NEGATIVE_INFINITY;
        s.advS[j] = Double.POSITIVE_INFINITY;
        s.tpL[j] = Double.POSITIVE_INFINITY;
        s.tpS[j] = Double.NEGATIVE_INFINITY;
        s.trigLo[j] = Double.NEGATIVE_INFINITY;
        s.trigHi[j] = Double.POSITIVE_INFINITY;
    }

    /** Adds bars {@code [from, to)} to the exposure of the segments they fall in. */
    void splitExposure(int j, int from, int to) {
        int segs = st.segs;
        for (int k = 0; k < segs; k++) {
            int a = Math.max(from, segFirstBar[k]), b = Math.min(to, segFirstBar[k + 1]);
            if (b > a) addSeg(j, k, LaneState.SEG_BARS_IN_POS, b - a);
        }
    }

    void addSeg(int j, int segment, int field, double v) {
        if (segment >= 0 && segment < st.segs) st.seg[st.segIndex(j, segment, field)] += v;
    }

    private void dailyMark(int j, double e, int segment) {
        double prev = st.prevDayEq[j];
        double r = prev > 0 ? e / prev - 1.0 : 0.0;
        st.prevDayEq[j] = e;
        st.addDaily(j, r, segment);
    }

    private void recordEdge(int j, int edge, double e) {
        if (edge - 1 >= 0 && edge - 1 < st.segs) st.seg[st.segIndex(j, edge - 1, LaneState.SEG_END_EQ)] = e;
        if (edge < st.segs) st.seg[st.segIndex(j, edge, LaneState.SEG_START_EQ)] = e;
    }

    /** After the last bar: end-of-data exit at the last close, final daily mark, remaining window edges. */
    void finish() {
        int last = tl.n - 1;
        int edges = windows.edges().length;
        int recorded = tl.edgesBeforeStart;
        for (int i = 1; i <= last; i++) recorded += tl.edgeCount[i];
        long lastClose = bars.tsNanos()[last] + bars.intervalNanos();
        int seg = tl.segOfBar == null ? -1 : windows.segmentOf(Math.floorDiv(lastClose - 1, DAY_NANOS) * DAY_NANOS);
        for (int j = setFrom; j < setTo; j++) {
            st.pending[j] = 0;
            if (st.side[j] != 0) {
                exit(j, last + 1, close[last], spec.takerFee(), false, 0);
                // exit() counted bars entry..last inclusive; the exit "bar" is past the data
            }
            double e = st.cash[j];
            if (e >= st.peak[j]) {
                closeEpoch(j);
                st.peak[j] = e;
                st.peakT[j] = tm[last];
                st.trough[j] = e;
            } else if (e < st.trough[j]) {
                st.trough[j] = e;
            }
            closeEpoch(j);
            dailyMark(j, e, seg);
            for (int k = recorded; k < edges; k++) recordEdge(j, k, e);
        }
    }
}
