package nl.gezinscoaching.query.mine;

import java.sql.Date;
import java.time.LocalDate;
import nl.gezinscoaching.events.aftercare.AftercareCallLogged;
import nl.gezinscoaching.events.aftercare.AftercareEnded;
import nl.gezinscoaching.events.agency.WarmHandoverDone;
import nl.gezinscoaching.events.contact.CoordinationMeetingHeld;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.contact.PhoneContactLogged;
import nl.gezinscoaching.events.contact.PracticalSupportGiven;
import nl.gezinscoaching.events.plan.FamilyPlanAgreed;
import nl.gezinscoaching.query.support.BatchedWrites;
import nl.gezinscoaching.query.support.ViewCache;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects the days of a coach's work with each family into {@code rm_coach_activity}: contacts, the family
 * plan, aftercare calls and the end of aftercare. Part of the management facts' processing group: a tracking
 * processor's every thread reads every event of the stream, so each group of its own costs a full read of the
 * stream per segment. With a group of its own (two segments, beside the facts' four) a rebuild read the stream six
 * times and ran at 12,100 events/s; in the facts' group with two segments, 24,000 (docs/benchmarks.md). Its rows are
 * written in the facts' transactions, with their token, and a rebuild resets both.
 */
@Component
@ProcessingGroup(CoachActivityProjection.PROCESSING_GROUP)
class CoachActivityProjection {

    static final String PROCESSING_GROUP = ViewCache.MANAGEMENT_FACTS_GROUP;

    private final BatchedWrites writes;
    private final JdbcTemplate jdbc;

    CoachActivityProjection(BatchedWrites writes, JdbcTemplate jdbc) {
        this.writes = writes;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(HomeVisitHeld event, @SequenceNumber long sequence) {
        record(event.trajectoryId(), sequence, ActivityKind.HOME_VISIT, event.visitedOn());
    }

    @EventHandler
    void on(PhoneContactLogged event, @SequenceNumber long sequence) {
        record(event.trajectoryId(), sequence, ActivityKind.PHONE_CONTACT, event.contactedOn());
    }

    @EventHandler
    void on(PracticalSupportGiven event, @SequenceNumber long sequence) {
        record(event.trajectoryId(), sequence, ActivityKind.PRACTICAL_SUPPORT, event.givenOn());
    }

    @EventHandler
    void on(CoordinationMeetingHeld event, @SequenceNumber long sequence) {
        record(event.trajectoryId(), sequence, ActivityKind.COORDINATION_MEETING, event.heldOn());
    }

    @EventHandler
    void on(WarmHandoverDone event, @SequenceNumber long sequence) {
        record(event.trajectoryId(), sequence, ActivityKind.WARM_HANDOVER, event.handedOverOn());
    }

    @EventHandler
    void on(FamilyPlanAgreed event, @SequenceNumber long sequence) {
        record(event.trajectoryId(), sequence, ActivityKind.FAMILY_PLAN, event.agreedOn());
    }

    @EventHandler
    void on(AftercareCallLogged event, @SequenceNumber long sequence) {
        record(event.trajectoryId(), sequence, ActivityKind.AFTERCARE_CALL, event.calledOn());
    }

    @EventHandler
    void on(AftercareEnded event, @SequenceNumber long sequence) {
        record(event.trajectoryId(), sequence, ActivityKind.AFTERCARE_END, event.endedOn());
    }

    private void record(String trajectoryId, long sequence, ActivityKind kind, LocalDate on) {
        writes.write("""
                INSERT INTO rm_coach_activity (trajectory_id, sequence, kind, occurred_on) VALUES (?, ?, ?, ?)
                ON CONFLICT (trajectory_id, sequence) DO NOTHING""", trajectoryId, sequence, kind.name(), Date.valueOf(on));
    }

    /** Before a replay: start from an empty table. */
    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE rm_coach_activity");
    }
}
