package nl.gezinscoaching.command.privacy;

import nl.gezinscoaching.events.privacy.PersonalDataErased;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Destroys the family's data key, and its client-number digest, in the same transaction as the
 * {@link PersonalDataErased} event: the erasure and the event commit together or not at all.
 */
@Component
@ProcessingGroup("command-lookups")
class KeyShredder {

    private final FamilyKeys keys;
    private final JdbcClient jdbc;

    KeyShredder(FamilyKeys keys, JdbcClient jdbc) {
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PersonalDataErased event) {
        keys.erase(event.trajectoryId());
        jdbc.sql("DELETE FROM family_reference WHERE trajectory_id = ?").param(event.trajectoryId()).update();
    }
}
