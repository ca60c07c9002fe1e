package nl.gezinscoaching.query.facts;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.events.agency.FamilyReferredToAgency;
import nl.gezinscoaching.events.agency.WarmHandoverDone;
import nl.gezinscoaching.events.coach.CoachRegistered;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.plan.GoalEvaluated;
import nl.gezinscoaching.events.plan.GoalSet;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.FamilyScreened;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.CoachReassigned;
import nl.gezinscoaching.events.trajectory.ExtensionGranted;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;
import nl.gezinscoaching.events.privacy.PersonalDataErased;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.query.support.BatchedWrites;
import nl.gezinscoaching.query.support.ViewCache;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects the events management needs into the {@code rm_*} fact tables. Every write is an insert keyed
 * by the event's identity (or an upsert by natural key), so redelivery and replay are harmless.
 */
@Component
@ProcessingGroup(ManagementFactsProjection.PROCESSING_GROUP)
class ManagementFactsProjection {

    static final String PROCESSING_GROUP = ViewCache.MANAGEMENT_FACTS_GROUP;

    static final List<String> TABLES = List.of("rm_coach", "rm_trajectory", "rm_assignment", "rm_decline",
            "rm_closure", "rm_extension", "rm_agency_referral", "rm_warm_handover", "rm_home_visit", "rm_goal",
            "rm_goal_evaluation", "rm_screening_decline", "rm_goal_subgoal");

    private final BatchedWrites writes;
    private final JdbcTemplate jdbc;
    private final FamilyKeys familyKeys;

    ManagementFactsProjection(BatchedWrites writes, JdbcTemplate jdbc, FamilyKeys familyKeys) {
        this.writes = writes;
        this.jdbc = jdbc;
        this.familyKeys = familyKeys;
    }

    @EventHandler
    void on(CoachRegistered event) {
        writes.write("""
                INSERT INTO rm_coach (coach_id, name, cluster, fte, registered_on) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (coach_id) DO NOTHING""",
                event.coachId(), event.name(), event.cluster(), event.fte(), date(event.registeredOn()));
    }

    @EventHandler
    void on(FamilyReferred event) {
        writes.write("""
                INSERT INTO rm_trajectory (trajectory_id, referred_on, district, language, interpreter_needed,
                                           migration_generation)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (trajectory_id) DO NOTHING""",
                event.trajectoryId(), date(event.receivedOn()), event.family().district(), event.family().language(),
                event.family().interpreterNeeded(), event.family().migrationGeneration().name());
    }

    @EventHandler
    void on(CoachAssigned event, @SequenceNumber long sequence) {
        assignment(event.trajectoryId(), sequence, event.coachId(), event.assignedOn());
    }

    @EventHandler
    void on(CoachReassigned event, @SequenceNumber long sequence) {
        assignment(event.trajectoryId(), sequence, event.coachId(), event.reassignedOn());
    }

    private void assignment(String trajectoryId, long sequence, String coachId, LocalDate on) {
        writes.write("""
                INSERT INTO rm_assignment (trajectory_id, sequence, coach_id, assigned_on) VALUES (?, ?, ?, ?)
                ON CONFLICT (trajectory_id, sequence) DO NOTHING""", trajectoryId, sequence, coachId, date(on));
    }

    @EventHandler
    void on(ReferralDeclined event) {
        writes.write("""
                INSERT INTO rm_decline (trajectory_id, declined_on) VALUES (?, ?)
                ON CONFLICT (trajectory_id) DO NOTHING""", event.trajectoryId(), date(event.declinedOn()));
    }

    /**
     * A screening that declined the referral: one row per contra-indication that held. Whether it declined
     * is the event's {@code overridden} flag, not its override reason: that is personal data and reads as
     * null once the family's data is erased, which must not turn an accepted family into a decline.
     */
    @EventHandler
    void on(FamilyScreened event) {
        if (!event.declined()) {
            return;
        }
        for (ContraIndication contraIndication : event.contraIndications()) {
            writes.write("""
                    INSERT INTO rm_screening_decline (trajectory_id, contra_indication, declined_on) VALUES (?, ?, ?)
                    ON CONFLICT (trajectory_id, contra_indication) DO NOTHING""",
                    event.trajectoryId(), contraIndication.name(), date(event.screenedOn()));
        }
    }

    @EventHandler
    void on(TrajectoryClosed event) {
        writes.write("""
                INSERT INTO rm_closure (trajectory_id, closed_on, reason, client_satisfaction, referrer_satisfaction)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (trajectory_id) DO NOTHING""",
                event.trajectoryId(), date(event.closedOn()), event.reason().name(), event.clientSatisfaction(),
                event.referrerSatisfaction());
    }

    @EventHandler
    void on(ExtensionGranted event, @SequenceNumber long sequence) {
        writes.write("""
                INSERT INTO rm_extension (trajectory_id, sequence, granted_on, months) VALUES (?, ?, ?, ?)
                ON CONFLICT (trajectory_id, sequence) DO NOTHING""",
                event.trajectoryId(), sequence, date(event.grantedOn()), event.months());
    }

    @EventHandler
    void on(FamilyReferredToAgency event) {
        writes.write("""
                INSERT INTO rm_agency_referral (agency_referral_id, trajectory_id, agency, referred_on)
                VALUES (?, ?, ?, ?) ON CONFLICT (agency_referral_id) DO NOTHING""",
                event.agencyReferralId(), event.trajectoryId(), event.agency(), date(event.referredOn()));
    }

    @EventHandler
    void on(WarmHandoverDone event) {
        writes.write("""
                INSERT INTO rm_warm_handover (agency_referral_id, trajectory_id, handed_over_on) VALUES (?, ?, ?)
                ON CONFLICT (agency_referral_id) DO NOTHING""",
                event.agencyReferralId(), event.trajectoryId(), date(event.handedOverOn()));
    }

    @EventHandler
    void on(HomeVisitHeld event, @SequenceNumber long sequence) {
        writes.write("""
                INSERT INTO rm_home_visit (trajectory_id, sequence, visited_on) VALUES (?, ?, ?)
                ON CONFLICT (trajectory_id, sequence) DO NOTHING""",
                event.trajectoryId(), sequence, date(event.visitedOn()));
    }

    @EventHandler
    void on(GoalSet event) {
        writes.write("""
                INSERT INTO rm_goal (goal_id, trajectory_id, life_domain, set_on) VALUES (?, ?, ?, ?)
                ON CONFLICT (goal_id) DO NOTHING""",
                event.goalId(), event.trajectoryId(), event.lifeDomain().name(), date(event.setOn()));
        for (Subgoal subgoal : event.subgoals() == null ? List.<Subgoal>of() : event.subgoals()) {
            writes.write("""
                    INSERT INTO rm_goal_subgoal (goal_id, trajectory_id, subgoal) VALUES (?, ?, ?)
                    ON CONFLICT (goal_id, subgoal) DO NOTHING""", event.goalId(), event.trajectoryId(), subgoal.name());
        }
    }

    @EventHandler
    void on(GoalEvaluated event) {
        writes.write("""
                INSERT INTO rm_goal_evaluation (goal_id, trajectory_id, attainment, evaluated_on) VALUES (?, ?, ?, ?)
                ON CONFLICT (goal_id) DO NOTHING""",
                event.goalId(), event.trajectoryId(), event.attainment().name(), date(event.evaluatedOn()));
    }

    /**
     * The management facts hold no personal data, so nothing to purge here; but this service may still
     * hold the family's data key in memory: forget it. Histories do not wait for this (they check the key
     * row on every read, FamilyKeys.checkingErasure); it only frees the cache entry.
     */
    @EventHandler
    void on(PersonalDataErased event) {
        familyKeys.evict(event.trajectoryId());
    }

    /** Before a replay: start from empty tables. */
    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE " + String.join(", ", TABLES));
    }

    private static Date date(LocalDate date) {
        return Date.valueOf(date);
    }
}
