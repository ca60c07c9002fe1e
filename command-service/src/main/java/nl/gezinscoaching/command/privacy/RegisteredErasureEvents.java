package nl.gezinscoaching.command.privacy;

import java.util.Optional;
import nl.gezinscoaching.platform.erasure.ErasureFollowUp;
import nl.gezinscoaching.platform.erasure.RegisteredErasure;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start-up, for each family in the erasure register: the client-number digest goes, and when the
 * trajectory's stream lacks its {@code PersonalDataErased} (a database restored from a backup taken before
 * the erasure), the event is appended again, as the register recorded it and by {@value #RECORDED_BY}. It is
 * appended to the store directly, not through the aggregate: the erasure was decided already, and the
 * restored trajectory may even be open again.
 */
@Component
class RegisteredErasureEvents implements ErasureFollowUp {

    static final String RECORDED_BY = "erasure-register";
    private static final String TRAJECTORY = "Trajectory";

    private final EventStorageEngine storage;
    private final JdbcClient jdbc;

    RegisteredErasureEvents(EventStorageEngine storage, JdbcClient jdbc) {
        this.storage = storage;
        this.jdbc = jdbc;
    }

    @Override
    public void apply(RegisteredErasure erasure) {
        String trajectoryId = erasure.trajectoryId();
        jdbc.sql("DELETE FROM family_reference WHERE trajectory_id = ?").param(trajectoryId).update();
        Optional<Long> last = storage.lastSequenceNumberFor(trajectoryId);
        if (last.isEmpty()) {
            return; // the trajectory is not in this database: nothing to erase
        }
        boolean erased = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM domain_event_entry
                                       WHERE aggregate_identifier = ? AND payload_type = 'nl.gezinscoaching.events.privacy.PersonalDataErased')""")
                .param(trajectoryId).query(Boolean.class).single();
        if (!erased) {
            storage.appendEvents(new GenericDomainEventMessage<>(TRAJECTORY, trajectoryId, last.get() + 1,
                    erasure.event(), MetaData.with("recordedBy", RECORDED_BY)));
        }
    }
}
