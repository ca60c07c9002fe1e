package nl.gezinscoaching.query.export;

import java.time.LocalDate;
import java.time.Period;

/** A child's age at the business date, in the bands the export shows instead of a birth date. */
final class AgeBand {

    static final String UNKNOWN = "unknown";

    private AgeBand() {
    }

    /** {@code 0-3}, {@code 4-11}, {@code 12-17} or {@code 18+}; {@value #UNKNOWN} when the birth date is erased or later. */
    static String at(LocalDate birthDate, LocalDate day) {
        if (birthDate == null || day == null || birthDate.isAfter(day)) {
            return UNKNOWN;
        }
        int years = Period.between(birthDate, day).getYears();
        if (years <= 3) {
            return "0-3";
        }
        if (years <= 11) {
            return "4-11";
        }
        return years <= 17 ? "12-17" : "18+";
    }
}
