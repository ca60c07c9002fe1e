package nl.gezinscoaching.command.coach;

import nl.gezinscoaching.events.coach.CoachRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registered coaches and their clusters as a table ({@code access_coach}, which the access rules read
 * too), written by a subscribing processor in the same transaction as the event, so it never disagrees
 * with the event store.
 */
@Component
@ProcessingGroup(JdbcCoachDirectory.PROCESSING_GROUP)
class JdbcCoachDirectory implements CoachDirectory {

    static final String PROCESSING_GROUP = "command-lookups";

    private final JdbcClient jdbc;

    JdbcCoachDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CoachRegistered event) {
        jdbc.sql("INSERT INTO access_coach (coach_id, cluster) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.coachId(), event.cluster())
                .update();
    }

    @Override
    public boolean isRegistered(String coachId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM access_coach WHERE coach_id = ?)")
                .param(coachId)
                .query(Boolean.class)
                .single();
    }
}
