package vq.data;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** ISO-8601-ish text timestamps (slow path for generic CSVs): date, 'T' or space, time, optional fraction and zone. */
final class TextTime {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();

    private TextTime() {}

    static long parse(String s, ByteCsv csv, String field) {
        String t = s.trim();
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                OffsetDateTime o = OffsetDateTime.parse(t.replace(' ', 'T'));
                return nanos(o.toEpochSecond(), o.getNano());
            }
            LocalDateTime l = LocalDateTime.parse(t, LOCAL);
            return nanos(l.toEpochSecond(ZoneOffset.UTC), l.getNano());
        } catch (DateTimeParseException e) {
            throw csv.error(field, "not a timestamp: '" + s + "' (expected epoch s/ms/us/ns or ISO-8601 text)");
        }
    }

    private static long nanos(long sec, int nano) {
        return Math.addExact(Math.multiplyExact(sec, 1_000_000_000L), nano);
    }
}
