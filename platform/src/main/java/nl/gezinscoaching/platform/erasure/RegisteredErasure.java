package nl.gezinscoaching.platform.erasure;

import java.time.LocalDate;
import nl.gezinscoaching.events.privacy.ErasureRequester;
import nl.gezinscoaching.events.privacy.PersonalDataErased;

/** One erasure as the register holds it: what {@link PersonalDataErased} says, no personal data. */
public record RegisteredErasure(String trajectoryId, LocalDate erasedOn, ErasureRequester requester, String legalGround) {

    public static RegisteredErasure of(PersonalDataErased event) {
        return new RegisteredErasure(event.trajectoryId(), event.erasedOn(), event.requester(), event.legalGround());
    }

    public PersonalDataErased event() {
        return new PersonalDataErased(trajectoryId, erasedOn, requester, legalGround);
    }
}
