package nl.gezinscoaching.events;

import java.time.LocalDate;

/**
 * The days the platform works with. A business date in an event (a referral, a birth, a visit) lies from
 * {@link #EARLIEST} to today; a day a view is asked for lies from {@link #EARLIEST} to {@link #LATEST}.
 * Both ends keep every date, and every date computed from one (20 years of retention back, months of
 * planned duration ahead), well inside what PostgreSQL's {@code DATE} and the views' arithmetic hold.
 */
public final class DateBounds {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    private DateBounds() {
    }

    public static boolean supported(LocalDate day) {
        return !day.isBefore(EARLIEST) && !day.isAfter(LATEST);
    }
}
