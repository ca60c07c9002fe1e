package nl.gezinscoaching.query.deadletter;

/**
 * A read-model statement failed for one event. Carries the statement's shape (verb and table, never its
 * parameters), so that a dead letter says where it failed without holding the event's values.
 */
public class ReadModelWriteFailed extends RuntimeException {

    private static final int MAX_STATEMENT = 80;

    private final String statement;

    public ReadModelWriteFailed(String sql, RuntimeException cause) {
        super("Read-model write failed: " + shape(sql), cause);
        this.statement = shape(sql);
    }

    /** E.g. {@code INSERT INTO rm_agency_referral}. */
    public String statement() {
        return statement;
    }

    /** The statement up to its first parenthesis or its first clause: parameters are never part of it. */
    static String shape(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        int end = flat.length();
        for (String stop : new String[] {" (", "(", " VALUES", " SET", " WHERE"}) {
            int at = flat.indexOf(stop);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        String shape = flat.substring(0, end);
        return shape.length() > MAX_STATEMENT ? shape.substring(0, MAX_STATEMENT) : shape;
    }
}
