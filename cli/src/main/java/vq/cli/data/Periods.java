package vq.cli.data;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import vq.columnar.InputException;

/** Parses {@code --from/--to} values: {@code YYYY-MM} (a whole month) or {@code YYYY-MM-DD} (one UTC day). */
final class Periods {
    private Periods() {}

    /** First day of the given month or the given day. */
    static LocalDate fromDay(String s, String option) {
        return s.length() == 7 ? month(s, option).atDay(1) : day(s, option);
    }

    /** Last day of the given month or the given day. */
    static LocalDate toDay(String s, String option) {
        return s.length() == 7 ? month(s, option).atEndOfMonth() : day(s, option);
    }

    static YearMonth month(String s, String option) {
        try {
            return YearMonth.parse(s.length() == 10 ? s.substring(0, 7) : s);
        } catch (DateTimeParseException e) {
            throw new InputException(option + " '" + s + "': expected YYYY-MM (e.g. 2024-01)");
        }
    }

    static LocalDate day(String s, String option) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new InputException(option + " '" + s + "': expected YYYY-MM or YYYY-MM-DD");
        }
    }
}
