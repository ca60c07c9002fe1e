package nl.gezinscoaching.platform.access;

import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who guides a trajectory and which cluster a coach is in, from {@code access_trajectory} and
 * {@code access_coach}: the command service writes them in the transaction of the events they follow
 * (event-store migration V4), so a read in a transaction sees them as current as the event stream, never
 * as late as a projection. Reads run in the caller's transaction.
 */
public class GuidanceLookup {

    private final JdbcClient jdbc;

    public GuidanceLookup(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The trajectory's guidance; empty when no trajectory has this id. */
    public Optional<Guidance> guidance(String trajectoryId) {
        return jdbc.sql("""
                        SELECT t.coach_id, c.cluster, t.open FROM access_trajectory t
                        LEFT JOIN access_coach c ON c.coach_id = t.coach_id
                        WHERE t.trajectory_id = ?""")
                .param(trajectoryId)
                .query((row, i) -> new Guidance(row.getString("coach_id"), row.getString("cluster"),
                        row.getBoolean("open")))
                .optional();
    }

    /** The registered coach with this id (their cluster possibly unknown); empty for an unknown id. */
    public Optional<RegisteredCoach> coach(String coachId) {
        return jdbc.sql("SELECT coach_id, cluster FROM access_coach WHERE coach_id = ?")
                .param(coachId)
                .query((row, i) -> new RegisteredCoach(row.getString("coach_id"), row.getString("cluster")))
                .optional();
    }
}
