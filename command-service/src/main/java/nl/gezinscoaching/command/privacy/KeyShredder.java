package nl.gezinscoaching.command.privacy;

import nl.gezinscoaching.events.privacy.PersonalDataErased;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.platform.erasure.DatabaseAnchor;
import nl.gezinscoaching.platform.erasure.ErasureRegister;
import nl.gezinscoaching.platform.erasure.RegisteredErasure;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Destroys the family's data key, and its client-number digest, in the same transaction as the
 * {@link PersonalDataErased} event: the erasure and the event commit together or not at all. The erasure is
 * also recorded in the erasure register, which database backups do not hold ({@link RegisteredErasureEvents}).
 */
@Component
@ProcessingGroup("command-lookups")
class KeyShredder {

    private final FamilyKeys keys;
    private final JdbcClient jdbc;
    private final ErasureRegister register;
    private final DatabaseAnchor databaseAnchor;

    KeyShredder(FamilyKeys keys, JdbcClient jdbc, ErasureRegister register, DatabaseAnchor databaseAnchor) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.register = register;
        this.databaseAnchor = databaseAnchor;
    }

    /**
     * The erasure is registered first, outside the database (durably, before this transaction commits): a
     * register that cannot be written refuses the erasure; a registered erasure whose transaction then
     * fails is completed at the next start-up, which errs on the side of the family.
     */
    @EventHandler
    void on(PersonalDataErased event) {
        // the register's new head is anchored in this transaction too (ErasureRegister.verify at start-up)
        databaseAnchor.moveOn(register.record(RegisteredErasure.of(event)));
        keys.erase(event.trajectoryId());
        jdbc.sql("DELETE FROM family_reference WHERE trajectory_id = ?").param(event.trajectoryId()).update();
    }
}
