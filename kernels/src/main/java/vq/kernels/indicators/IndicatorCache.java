package vq.kernels.indicators;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.Intervals;

/**
 * One computation per distinct (symbol, range, timeframe, base timeframe, indicator, params, source) across a sweep,
 * shared read-only by all parameter sets and threads.
 *
 * <p>Memory: everything (copied base bars, resampled bars, prefix sums, indicator outputs) lives off-heap in one shared
 * {@link Arena} owned by the cache and freed by {@link #close()}; segments handed out are read-only views and must not
 * be used after close. Entries are never evicted while the cache is open (a sweep's working set: e.g. 100 SMA windows
 * over 1 M bars = 800 MB); create one cache per experiment or symbol batch.
 *
 * <p>Concurrency: the first caller of a key computes it, concurrent callers of the same key wait for that result
 * (never a second computation); distinct keys compute in parallel. A failed computation is not cached.
 *
 * <p>Bars come from a {@link BarLoader} (the catalog, via {@link #forCatalog}, or any series for tests); the loader is
 * asked once per (symbol, range). Coarser timeframes are resampled from those base bars inside kernels
 * ({@link Timeframes}), so screening, validation and the lookahead check all see the same bars.
 */
public final class IndicatorCache implements AutoCloseable {
    /** Supplies the base bars of a symbol for [fromNanos, toNanos). */
    @FunctionalInterface
    public interface BarLoader {
        BarSeries load(String symbol, long fromNanos, long toNanos, Arena arena);
    }

    private record BarsKey(String symbol, long from, long to, long tfNanos) {}

    private record ValuesKey(String symbol, long from, long to, long tfNanos, long baseNanos, Params params, Source source) {}

    private final BarLoader loader;
    private final Arena arena = Arena.ofShared();
    private final ConcurrentHashMap<Object, FutureTask<?>> entries = new ConcurrentHashMap<>();
    private final AtomicLong computations = new AtomicLong();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile boolean closed;

    public IndicatorCache(BarLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * A cache over the catalog's {@code bars} datasets {@code venue/market/<symbol>/bars/<interval>}: a range is read as
     * zero-copy chunks and copied once into the cache's arena ({@link BarSeries#copyOf}). Readers stay open until
     * {@link #close()}. {@link IllegalArgumentException} (from the catalog) when the dataset does not exist.
     */
    public static IndicatorCache forCatalog(Catalog catalog, String venue, String market, String interval) {
        long iv = Intervals.nanos(interval);
        ConcurrentHashMap<String, DatasetReader> readers = new ConcurrentHashMap<>();
        IndicatorCache[] self = new IndicatorCache[1];
        self[0] = new IndicatorCache((symbol, from, to, arena) -> {
            DatasetReader r = readers.computeIfAbsent(symbol, s -> {
                DatasetReader rd = catalog.reader(DatasetKey.bars(venue, market, s, interval));
                self[0].own(rd);
                return rd;
            });
            return BarSeries.copyOf(r.range(from, to), iv, arena);
        });
        return self[0];
    }

    private synchronized void own(AutoCloseable c) { resources.add(c); }

    /** Number of computations performed so far (bars loaded/resampled and indicator series computed). */
    public long computations() { return computations.get(); }

    /** Base bars of {@code symbol} for [fromNanos, toNanos), loaded once. */
    public BarSeries bars(String symbol, long fromNanos, long toNanos) {
        return get(new BarsKey(symbol, fromNanos, toNanos, 0), () -> loader.load(symbol, fromNanos, toNanos, arena));
    }

    /** Bars at {@code timeframe} (resampled from the base bars when coarser), once per key. */
    public BarSeries bars(String symbol, String timeframe, long fromNanos, long toNanos) {
        BarSeries base = bars(symbol, fromNanos, toNanos);
        long tf = Timeframes.nanos(timeframe);
        if (tf == base.intervalNanos()) return base;
        return get(new BarsKey(symbol, fromNanos, toNanos, tf), () -> Timeframes.resample(base, tf, arena));
    }

    /**
     * Indicator {@code params} on {@code source} (null = the type's default; ignored for types without a source) over the
     * bars of {@code timeframe}, indexed by those bars.
     */
    public IndicatorValues values(String symbol, String timeframe, long fromNanos, long toNanos, Params params, Source source) {
        IndicatorType t = params.type();
        Source src = t.takesSource() ? (source == null ? t.defaultSource() : source) : null;
        long tf = Timeframes.nanos(timeframe);
        return get(new ValuesKey(symbol, fromNanos, toNanos, tf, tf, params, src),
                () -> t.compute(bars(symbol, timeframe, fromNanos, toNanos), params, src, arena));
    }

    /**
     * Indicator computed on {@code timeframe} bars and aligned to the {@code baseTimeframe} bars with no lookahead
     * ({@link Timeframes}): row i is the value of the latest {@code timeframe} bar closed by the close of base bar i.
     * When the timeframes are equal this is {@link #values}. {@link IllegalArgumentException} when timeframe is finer
     * than the base.
     */
    public IndicatorValues aligned(String symbol, String baseTimeframe, String timeframe, long fromNanos, long toNanos,
                                   Params params, Source source) {
        long tf = Timeframes.nanos(timeframe), bt = Timeframes.nanos(baseTimeframe);
        if (tf == bt) return values(symbol, timeframe, fromNanos, toNanos, params, source);
        if (tf < bt)
            throw new IllegalArgumentException("indicator timeframe " + timeframe + " is finer than the base timeframe " + baseTimeframe);
        IndicatorType t = params.type();
        Source src = t.takesSource() ? (source == null ? t.defaultSource() : source) : null;
        return get(new ValuesKey(symbol, fromNanos, toNanos, tf, bt, params, src), () -> {
            IndicatorValues coarse = values(symbol, timeframe, fromNanos, toNanos, params, src);
            BarSeries base = bars(symbol, baseTimeframe, fromNanos, toNanos);
            int[] vis = Timeframes.visibleIndex(base, bars(symbol, timeframe, fromNanos, toNanos));
            MemorySegment[] out = new MemorySegment[t.outputs().size()];
            int[] warm = new int[out.length];
            for (int f = 0; f < out.length; f++) {
                out[f] = BarSeries.alloc(arena, base.rows());
                warm[f] = (int) Timeframes.align(coarse.field(f), vis, out[f]);
            }
            return new IndicatorValues(t, params, src, base.rows(), out, warm);
        });
    }

    /**
     * Computes the SMA of every window in one pass ({@link MovingAverages#smaMany}) for those windows not yet cached,
     * and caches each under the same key {@link #values} uses for {@code sma(period=w)} — results are bit-identical to
     * single computations. Returns the values in {@code windows} order.
     */
    public List<IndicatorValues> smaMany(String symbol, String timeframe, long fromNanos, long toNanos, Source source, int[] windows) {
        IndicatorType sma = Indicators.get("sma");
        Source src = source == null ? sma.defaultSource() : source;
        long tf = Timeframes.nanos(timeframe);
        BarSeries b = bars(symbol, timeframe, fromNanos, toNanos);
        List<Integer> missing = new ArrayList<>();
        List<FutureTask<IndicatorValues>> tasks = new ArrayList<>();
        IndicatorValues[] result = new IndicatorValues[windows.length];
        MemorySegment[][] outs = new MemorySegment[windows.length][];
        for (int j = 0; j < windows.length; j++) {
            Params p = sma.params(Map.of("period", windows[j]));
            final int jj = j;
            FutureTask<IndicatorValues> task = new FutureTask<>(() -> {
                if (outs[jj] == null) throw new IllegalStateException("many-window pass did not run");
                return new IndicatorValues(sma, p, src, b.rows(), outs[jj], new int[] {p.getInt("period") - 1});
            });
            @SuppressWarnings("unchecked")
            FutureTask<IndicatorValues> prev = (FutureTask<IndicatorValues>) entries.putIfAbsent(new ValuesKey(symbol, fromNanos, toNanos, tf, tf, p, src), task);
            if (prev == null) { missing.add(j); tasks.add(task); }
            else tasks.add(prev);
        }
        if (!missing.isEmpty()) {
            int[] w = new int[missing.size()];
            MemorySegment[] o = new MemorySegment[w.length];
            // one zeroed huge-page slab for all the windows (per-window arena allocations spent seconds in page
            // faults and zeroing); each series a 64-byte aligned slice
            long row = (Math.max(1, b.rows()) * Double.BYTES + 63) & -64L;
            MemorySegment slab = LargeAlloc.zeroed(arena, row * w.length);
            for (int k = 0; k < w.length; k++) {
                w[k] = windows[missing.get(k)];
                o[k] = slab.asSlice(k * row, Math.max(1, b.rows()) * Double.BYTES);
                outs[missing.get(k)] = new MemorySegment[] {o[k]};
            }
            boolean ok = false;
            try {
                smaManyParallel(b, src, w, o);
                ok = true;
            } finally {
                for (int j : missing) {
                    tasks.get(j).run(); // completes the waiting callers (with an error when the pass failed)
                    computations.incrementAndGet();
                    if (!ok) entries.remove(new ValuesKey(symbol, fromNanos, toNanos, tf, tf, sma.params(Map.of("period", windows[j])), src));
                }
            }
        }
        for (int j = 0; j < windows.length; j++) result[j] = vq.columnar.Futures.awaitUninterruptibly(tasks.get(j));
        return List.of(result);
    }

    /**
     * {@link MovingAverages#smaMany} with the windows split over the cores: the values are the same (each window is
     * computed by the same code from the same cached block sums), but first writes to fresh memory are slow on a
     * virtual machine that returns free pages to its host (about 0.15–0.25 GB/s per thread measured here), and two
     * threads touch it about twice as fast.
     */
    private static void smaManyParallel(BarSeries b, Source src, int[] w, MemorySegment[] o) {
        int threads = (int) Math.min(Math.min(Runtime.getRuntime().availableProcessors(), w.length), 1 + b.rows() / 65_536);
        if (threads <= 1) {
            MovingAverages.smaMany(b, src, w, o);
            return;
        }
        // the shared sums first (cached in the series), then disjoint window ranges per thread
        MovingAverages.smaMany(b, src, new int[] {w[0]}, new MemorySegment[] {o[0]});
        List<Thread> workers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int t = threads - 1; t >= 0; t--) {
            int j0 = 1 + (int) ((long) (w.length - 1) * t / threads), j1 = 1 + (int) ((long) (w.length - 1) * (t + 1) / threads);
            if (j1 <= j0) continue;
            Runnable part = () -> {
                try {
                    MovingAverages.smaMany(b, src, java.util.Arrays.copyOfRange(w, j0, j1), java.util.Arrays.copyOfRange(o, j0, j1));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            };
            if (t == 0) part.run();
            else workers.add(Thread.ofPlatform().name("vq-sma-" + t).start(part));
        }
        boolean interrupted = false;
        for (Thread th : workers) {
            while (true) {
                try { th.join(); break; } catch (InterruptedException e) { interrupted = true; }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error er) throw er;
        if (f != null) throw new IllegalStateException(f);
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Object key, Supplier<T> compute) {
        if (closed) throw new IllegalStateException("indicator cache is closed");
        FutureTask<?> f = entries.get(key);
        if (f == null) {
            FutureTask<T> mine = new FutureTask<>(compute::get);
            f = entries.putIfAbsent(key, mine);
            if (f == null) {
                f = mine;
                mine.run();
                computations.incrementAndGet();
            }
        }
        try {
            return (T) vq.columnar.Futures.awaitUninterruptibly(f);
        } catch (RuntimeException | Error e) {
            entries.remove(key, f);
            throw e;
        }
    }

    /** Frees every cached series and closes catalog readers. Idempotent. */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        entries.clear();
        arena.close();
        for (AutoCloseable c : resources) {
            try { c.close(); } catch (Exception ignored) { /* reader close does not fail */ }
        }
    }
}
