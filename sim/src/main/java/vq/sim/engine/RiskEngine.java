package vq.sim.engine;

import vq.sim.report.TradeBook;
import vq.sim.risk.RiskLimits;

/**
 * Applies {@link RiskLimits} to orders that can add exposure. Returns a multiplier for the order's size:
 * 1 = unchanged, (0, 1) = resized, 0 = rejected. Every decision other than "unchanged" is logged with the
 * rule name ({@code strategy.drawdown_scale}, {@code strategy.drawdown_halt}, {@code strategy.daily_loss},
 * {@code strategy.cooldown}, {@code portfolio.max_drawdown}, {@code portfolio.daily_loss},
 * {@code portfolio.total_exposure}, {@code portfolio.symbol_exposure}).
 *
 * <p>Equity is observed at every bar close; the day starts at 00:00 UTC with the first observation of the
 * day (or the last equity of the previous day).
 */
final class RiskEngine {
    private static final long DAY = 86_400_000_000_000L;
    private final RiskLimits lim;
    private final boolean any;
    private double peak;
    private double dayStartEquity;
    private long day = Long.MIN_VALUE;
    private double lastEquity;
    private int consecutiveLosses;
    private int tradesSeen;
    private long cooldownUntil = Long.MIN_VALUE;

    RiskEngine(RiskLimits lim, double initialEquity, int symbols) {
        this.lim = lim;
        this.any = lim != RiskLimits.NONE;
        this.peak = initialEquity;
        this.dayStartEquity = initialEquity;
        this.lastEquity = initialEquity;
    }

    void onEquity(long ts, double e) {
        if (!any) return;
        long d = Math.floorDiv(ts - 1, DAY); // a bar closing exactly at 00:00 belongs to the day before
        if (d != day) {
            dayStartEquity = lastEquity;
            day = d;
        }
        lastEquity = e;
        if (e > peak) peak = e;
    }

    double check(Simulator sim, int id, int s, double notional) {
        if (!any) return 1.0;
        long now = sim.now();
        double e = sim.equity();
        String sym = sim.symbolName(s);
        var log = sim.eventLog();
        updateStreak(sim.trades(), now);
        double dd = peak > 0 ? Math.max(0, 1 - e / peak) : 0;
        double dayLoss = dayStartEquity > 0 ? Math.max(0, 1 - e / dayStartEquity) : 0;
        if (!Double.isNaN(lim.portfolioMaxDrawdown()) && dd >= lim.portfolioMaxDrawdown())
            return rejectLog(log, now, sym, id, "portfolio.max_drawdown", notional, "drawdown " + dd);
        if (!Double.isNaN(lim.ddHaltAt()) && dd >= lim.ddHaltAt())
            return rejectLog(log, now, sym, id, "strategy.drawdown_halt", notional, "drawdown " + dd);
        if (!Double.isNaN(lim.portfolioDailyLoss()) && dayLoss >= lim.portfolioDailyLoss())
            return rejectLog(log, now, sym, id, "portfolio.daily_loss", notional, "daily loss " + dayLoss);
        if (!Double.isNaN(lim.dailyLossLimit()) && dayLoss >= lim.dailyLossLimit())
            return rejectLog(log, now, sym, id, "strategy.daily_loss", notional, "daily loss " + dayLoss);
        if (now < cooldownUntil)
            return rejectLog(log, now, sym, id, "strategy.cooldown", notional, consecutiveLosses + " consecutive losses");
        double mult = 1.0;
        if (!Double.isNaN(lim.ddScaleDownAt()) && dd >= lim.ddScaleDownAt()) {
            mult = lim.ddScaleDownFactor();
            log.risk(now, sym, id, "strategy.drawdown_scale", "resize", notional, notional * mult, "drawdown " + dd);
        }
        double want = notional * mult;
        if (!Double.isNaN(lim.maxTotalExposure())) {
            double room = lim.maxTotalExposure() * e - sim.account().grossNotional();
            if (room <= 0) return rejectLog(log, now, sym, id, "portfolio.total_exposure", notional, "no room");
            if (want > room) {
                log.risk(now, sym, id, "portfolio.total_exposure", "resize", want, room, null);
                want = room;
            }
        }
        if (!Double.isNaN(lim.maxSymbolExposure())) {
            double cur = Math.abs(sim.account().qty[s]) * sim.account().mark[s];
            double room = lim.maxSymbolExposure() * e - cur;
            if (room <= 0) return rejectLog(log, now, sym, id, "portfolio.symbol_exposure", notional, "no room");
            if (want > room) {
                log.risk(now, sym, id, "portfolio.symbol_exposure", "resize", want, room, null);
                want = room;
            }
        }
        return notional > 0 ? want / notional : 1.0;
    }

    private void updateStreak(TradeBook tb, long now) {
        for (; tradesSeen < tb.size; tradesSeen++) {
            int t = tradesSeen;
            if (tb.openTrade(tb.sym[t]) == t) break; // still open: look again later
            if (tb.net[t] < 0) {
                consecutiveLosses++;
                if (lim.maxConsecutiveLosses() > 0 && consecutiveLosses >= lim.maxConsecutiveLosses()) {
                    cooldownUntil = tb.exitTs[t] + lim.cooldownNanos();
                    consecutiveLosses = 0;
                }
            } else consecutiveLosses = 0;
        }
    }

    private static double rejectLog(vq.sim.report.EventLog log, long now, String sym, int id, String rule, double notional, String detail) {
        log.risk(now, sym, id, rule, "reject", notional, 0, detail);
        return 0;
    }
}
