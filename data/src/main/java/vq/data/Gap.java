package vq.data;

import vq.columnar.Intervals;

/**
 * A run of missing bars: {@code fromNanos} is the open time of the first missing bar, {@code toNanos} the open
 * time of the last one (both epoch ns UTC, inclusive), {@code missing} the number of bars absent. Gaps are
 * reported, never errors: real exchanges halt (Binance spot, 2023-03-24 12:40–13:59 UTC).
 *
 * <p>For an L2 book ({@code unit} "depth diff not applied …"): a lost run of depth updates in a capture, from the
 * last diff applied to the snapshot that re-synced the book (or the last diff seen), {@code missing} = diffs
 * received in between that could not be applied.
 */
public record Gap(long fromNanos, long toNanos, long missing, String unit) {
    /** Missing bars. */
    public Gap(long fromNanos, long toNanos, long missing) { this(fromNanos, toNanos, missing, "bar"); }

    /** The gap between two consecutive bar open times {@code prev < next} of an {@code interval}-ns series. */
    static Gap between(long prev, long next, long interval) {
        return new Gap(prev + interval, next - interval, (next - prev) / interval - 1);
    }

    @Override public String toString() {
        return Intervals.iso(fromNanos) + " .. " + Intervals.iso(toNanos) + " (" + missing + " " + plural() + ")";
    }

    /** "bar"/"bars"; "depth diff not applied …"/"depth diffs not applied …". */
    private String plural() {
        if (missing == 1) return unit;
        int sp = unit.indexOf(' ', unit.indexOf(' ') + 1);
        return sp < 0 ? unit + "s" : unit.substring(0, sp) + "s" + unit.substring(sp);
    }
}
