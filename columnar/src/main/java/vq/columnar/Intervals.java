package vq.columnar;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Bar intervals ({@code 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d}) and time helpers (epoch ns UTC). */
public final class Intervals {
    public static final long NANOS_PER_MILLI = 1_000_000L;
    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    public static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    public static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;
    public static final long NANOS_PER_DAY = 24 * NANOS_PER_HOUR;

    private Intervals() {}

    /** Length of the interval in nanoseconds; throws {@link InputException} for an unknown interval. */
    public static long nanos(String interval) {
        if (interval != null && interval.length() >= 2) {
            char unit = interval.charAt(interval.length() - 1);
            String num = interval.substring(0, interval.length() - 1);
            if (num.chars().allMatch(Character::isDigit) && !num.isEmpty() && num.length() < 5) {
                long n = Long.parseLong(num);
                if (n > 0) {
                    switch (unit) {
                        case 's': return n * NANOS_PER_SECOND;
                        case 'm': return n * NANOS_PER_MINUTE;
                        case 'h': return n * NANOS_PER_HOUR;
                        case 'd': return n * NANOS_PER_DAY;
                        case 'w': return n * 7 * NANOS_PER_DAY;
                        default: break;
                    }
                }
            }
        }
        throw new InputException("unknown interval '" + interval + "' (e.g. 1m, 5m, 15m, 1h, 4h, 1d)");
    }

    /** Start of the UTC calendar month containing {@code tsNanos}. */
    public static long monthStart(long tsNanos) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(tsNanos, NANOS_PER_SECOND)).atZone(ZoneOffset.UTC);
        ZonedDateTime m = t.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
        return m.toEpochSecond() * NANOS_PER_SECOND;
    }

    /** Start of the UTC month after the one containing {@code tsNanos}. */
    public static long nextMonthStart(long tsNanos) {
        ZonedDateTime m = Instant.ofEpochSecond(monthStart(tsNanos) / NANOS_PER_SECOND).atZone(ZoneOffset.UTC).plusMonths(1);
        return m.toEpochSecond() * NANOS_PER_SECOND;
    }

    /** ISO-8601 UTC text of an epoch-nanosecond timestamp. */
    public static String iso(long tsNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(tsNanos, NANOS_PER_SECOND), Math.floorMod(tsNanos, NANOS_PER_SECOND)).toString();
    }
}
