package nl.gezinscoaching.query.support;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The day a view is computed for: the requested day, or today in Amsterdam. A requested day lies within
 * {@link nl.gezinscoaching.events.DateBounds}, which {@link SupportedDate} on the request parameter checks.
 */
public final class AsOf {

    private AsOf() {
    }

    public static LocalDate orToday(LocalDate requested, Clock clock) {
        return requested != null ? requested : LocalDate.now(clock);
    }
}
