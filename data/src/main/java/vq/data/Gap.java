package vq.data;

import vq.columnar.Intervals;

/**
 * A run of missing bars: {@code fromNanos} is the open time of the first missing bar, {@code toNanos} the open
 * time of the last one (both epoch ns UTC, inclusive), {@code missing} the number of bars absent. Gaps are
 * reported, never errors: real exchanges halt (Binance spot, 2023-03-24 12:40–13:59 UTC).
 */
public record Gap(long fromNanos, long toNanos, long missing) {
    /** The gap between two consecutive bar open times {@code prev < next} of an {@code interval}-ns series. */
    static Gap between(long prev, long next, long interval) {
        return new Gap(prev + interval, next - interval, (next - prev) / interval - 1);
    }

    @Override public String toString() {
        return Intervals.iso(fromNanos) + " .. " + Intervals.iso(toNanos) + " (" + missing + (missing == 1 ? " bar)" : " bars)");
    }
}
