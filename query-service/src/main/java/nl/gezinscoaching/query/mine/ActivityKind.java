package nl.gezinscoaching.query.mine;

import java.util.EnumSet;
import java.util.Set;

/** What a row of {@code rm_coach_activity} records. */
enum ActivityKind {
    HOME_VISIT,
    PHONE_CONTACT,
    PRACTICAL_SUPPORT,
    COORDINATION_MEETING,
    WARM_HANDOVER,
    FAMILY_PLAN,
    AFTERCARE_CALL,
    AFTERCARE_END;

    /** The kinds that count as contact with the family for "no contact for more than 14 days". */
    static final Set<ActivityKind> CONTACTS =
            EnumSet.of(HOME_VISIT, PHONE_CONTACT, PRACTICAL_SUPPORT, COORDINATION_MEETING, WARM_HANDOVER);
}
