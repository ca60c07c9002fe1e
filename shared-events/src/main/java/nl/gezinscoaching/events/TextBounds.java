package nl.gezinscoaching.events;

/**
 * The one table of how long each kind of text in an event may be, and how many items a list may hold.
 * The command API refuses longer input (400, before any event is written); every read-model and lookup
 * column that stores such a text is at least this wide, which a test checks against the migrated schema.
 * <p>
 * Lengths count UTF-16 code units ({@link String#length()}), which is never less than the number of
 * characters PostgreSQL counts for {@code VARCHAR(n)}, so a text within its bound always fits its column.
 * Change a bound only together with the columns that store it (a Flyway migration), never the other way.
 */
public final class TextBounds {

    /** Identifiers: a coach id a client chooses; trajectory, goal and agency-referral ids sent back in paths. */
    public static final int IDENTIFIER = 64;

    /** Short labels the views group by or show as codes: district, cluster, language, a client number. */
    public static final int CODE = 100;

    /** Names of people and organisations (family, child, referrer, coach, follow-up agency); a legal ground. */
    public static final int NAME = 200;

    /** Free text: summaries, notes, reasons and goal descriptions. Kept in events only, in no read-model table. */
    public static final int FREE_TEXT = 4000;

    /** Items in one list of a request: children, agencies, reasons, life domains. */
    public static final int LIST_ITEMS = 20;

    private TextBounds() {
    }
}
