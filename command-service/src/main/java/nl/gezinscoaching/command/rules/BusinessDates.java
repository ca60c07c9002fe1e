package nl.gezinscoaching.command.rules;

import java.time.Clock;
import java.time.LocalDate;
import nl.gezinscoaching.events.DateBounds;

/** Rules every business date obeys. */
public final class BusinessDates {

    private BusinessDates() {
    }

    /**
     * A business date is the day something happened: it cannot lie in the future, nor before
     * {@link DateBounds#EARLIEST} (a year such as -999999999 would parse, and no read model could store it).
     */
    public static void requireNotInFuture(String field, LocalDate date, Clock clock) {
        if (date.isAfter(LocalDate.now(clock))) {
            throw new InvalidFieldException(field, "not-in-future", "must not lie in the future");
        }
        if (date.isBefore(DateBounds.EARLIEST)) {
            throw new InvalidFieldException(field, "supported-date", "must not lie before " + DateBounds.EARLIEST);
        }
    }

    public static void requireNotBefore(String field, LocalDate date, LocalDate earliest, String rule, String what) {
        if (date.isBefore(earliest)) {
            throw new InvalidFieldException(field, rule, "must not lie before " + what);
        }
    }
}
