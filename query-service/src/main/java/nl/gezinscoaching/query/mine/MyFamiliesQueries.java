package nl.gezinscoaching.query.mine;

import nl.gezinscoaching.api.views.MyFamiliesView;
import static java.time.temporal.ChronoUnit.DAYS;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import nl.gezinscoaching.api.views.MyFamiliesView.FamilyItem;
import nl.gezinscoaching.api.views.MyFamiliesView.Stage;
import nl.gezinscoaching.api.views.MyFamiliesView.WaitingFamily;
import nl.gezinscoaching.query.support.CoachingNorms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The families on a coach's list, from the management facts and the coach's activity. A trajectory is
 * listed while it is open: from the assignment until aftercare has ended. The planned end and the open
 * agency referrals are defined as in the overrun and waiting-list views.
 */
@Component
class MyFamiliesQueries {

    /** Open trajectories guided by :coachId, or by a coach of :cluster (null for a coach who is not senior). */
    private static final String OPEN_TRAJECTORIES = """
            WITH candidates AS (
                -- every trajectory ever assigned to the coach or to a coach of the cluster: the current coach's
                -- trajectories are among them. Two index scans (rm_assignment_coach), not one OR: with the OR the
                -- planner expected half the table and scanned every coach's activity (21 s at 100,000 families)
                SELECT a.trajectory_id FROM rm_assignment a WHERE a.coach_id = :coachId
                UNION
                SELECT a.trajectory_id FROM rm_assignment a JOIN rm_coach co ON co.coach_id = a.coach_id
                WHERE co.cluster = :cluster
            ), listed AS (
                -- still on a list: aftercare not ended (the prefix of index rm_coach_activity_kind, V187), so the
                -- facts below are read for the few families not yet done, not for a career's worth
                SELECT k.trajectory_id FROM candidates k
                WHERE NOT EXISTS (SELECT 1 FROM rm_coach_activity x
                                  WHERE x.trajectory_id = k.trajectory_id AND x.kind = 'AFTERCARE_END')
            )
            SELECT t.trajectory_id, t.district, cc.coach_id, co.cluster, f.assigned_on,
                   coalesce(e.months, 0) AS extension_months, c.closed_on, act.last_contact_on, act.family_plan_on,
                   act.last_aftercare_call_on, w.since AS agency_waiting_since, w.agencies
            FROM listed k
            JOIN rm_trajectory t ON t.trajectory_id = k.trajectory_id
            -- each fact read for this trajectory alone, through the primary keys' prefix
            CROSS JOIN LATERAL (SELECT x.coach_id FROM rm_assignment x WHERE x.trajectory_id = k.trajectory_id
                                ORDER BY x.sequence DESC LIMIT 1) cc
            CROSS JOIN LATERAL (SELECT x.assigned_on FROM rm_assignment x WHERE x.trajectory_id = k.trajectory_id
                                ORDER BY x.sequence LIMIT 1) f
            LEFT JOIN rm_coach co ON co.coach_id = cc.coach_id
            LEFT JOIN rm_closure c ON c.trajectory_id = k.trajectory_id
            LEFT JOIN LATERAL (SELECT sum(x.months) AS months FROM rm_extension x
                               WHERE x.trajectory_id = k.trajectory_id) e ON TRUE
            -- each date the newest (or first) row of one kind, read from the index (trajectory_id, kind, occurred_on)
            -- (V187): a family's thousands of home visits cost one index entry each, not a row each
            CROSS JOIN LATERAL (SELECT GREATEST(%s) AS last_contact_on,
                                       (SELECT min(x.occurred_on) FROM rm_coach_activity x
                                        WHERE x.trajectory_id = k.trajectory_id AND x.kind = 'FAMILY_PLAN') AS family_plan_on,
                                       (SELECT max(x.occurred_on) FROM rm_coach_activity x
                                        WHERE x.trajectory_id = k.trajectory_id AND x.kind = 'AFTERCARE_CALL')
                                           AS last_aftercare_call_on) act
            LEFT JOIN LATERAL (SELECT min(r.referred_on) AS since,
                                      array_agg(DISTINCT r.agency ORDER BY r.agency) AS agencies
                               FROM rm_agency_referral r
                               WHERE r.trajectory_id = k.trajectory_id
                                 AND NOT EXISTS (SELECT 1 FROM rm_warm_handover h
                                                 WHERE h.agency_referral_id = r.agency_referral_id)) w ON TRUE
            WHERE (cc.coach_id = :coachId OR co.cluster = :cluster)
""".formatted(ActivityKind.CONTACTS.stream()
                    .map(kind -> "(SELECT max(x.occurred_on) FROM rm_coach_activity x WHERE x.trajectory_id = k.trajectory_id"
                            + " AND x.kind = '" + kind.name() + "')")
                    .collect(Collectors.joining(",\n                                                ")));

    /** Referred, not assigned, declined or closed: as in the waiting-list view. */
    private static final String WAITING_FOR_A_COACH = """
            SELECT t.trajectory_id, t.district, t.referred_on
            FROM rm_trajectory t
            WHERE NOT EXISTS (SELECT 1 FROM rm_assignment a WHERE a.trajectory_id = t.trajectory_id)
              AND NOT EXISTS (SELECT 1 FROM rm_decline d WHERE d.trajectory_id = t.trajectory_id)
              AND NOT EXISTS (SELECT 1 FROM rm_closure c WHERE c.trajectory_id = t.trajectory_id)
            ORDER BY t.referred_on, t.trajectory_id""";

    private final JdbcClient jdbc;
    private final CoachingNorms norms;
    private final FamilyNames names;

    MyFamiliesQueries(JdbcClient jdbc, CoachingNorms norms, FamilyNames names) {
        this.jdbc = jdbc;
        this.norms = norms;
        this.names = names;
    }

    /**
     * One transaction: each family's name is recorded in the read audit (FamilyNames, one insert for the list),
     * committed before the list is answered.
     */
    @Transactional
    MyFamiliesView view(PlatformUser user, LocalDate today) {
        boolean senior = user.has(Role.SENIOR_COACH);
        List<TrajectoryFacts> open = user.coachId() == null && !senior ? List.of() : jdbc.sql(OPEN_TRAJECTORIES)
                .param("coachId", user.coachId())
                .param("cluster", senior ? user.cluster() : null)
                .query((row, i) -> new TrajectoryFacts(row.getString("trajectory_id"), row.getString("district"),
                        row.getString("coach_id"), row.getString("cluster"),
                        row.getObject("assigned_on", LocalDate.class), row.getInt("extension_months"),
                        row.getObject("closed_on", LocalDate.class), row.getObject("last_contact_on", LocalDate.class),
                        row.getObject("family_plan_on", LocalDate.class),
                        row.getObject("last_aftercare_call_on", LocalDate.class),
                        row.getObject("agency_waiting_since", LocalDate.class), strings(row.getArray("agencies"))))
                .list()
                .stream()
                // the platform's rule of who guides whom, as for reading a family's history
                .filter(facts -> user.guides(facts.coachId(), facts.cluster()))
                .toList();

        record Waiting(String trajectoryId, String district, LocalDate referredOn) {
        }
        List<Waiting> waiting = !senior ? List.of() : jdbc.sql(WAITING_FOR_A_COACH)
                .query((row, i) -> new Waiting(row.getString("trajectory_id"), row.getString("district"),
                        row.getObject("referred_on", LocalDate.class)))
                .list();
        // every name on the page with one read of the event store and one entry per family in the read audit
        Map<String, String> familyNames = names.namesOf(Stream.concat(open.stream().map(TrajectoryFacts::trajectoryId),
                waiting.stream().map(Waiting::trajectoryId)).toList());
        List<FamilyItem> own = items(open.stream().filter(f -> f.coachId().equals(user.coachId())), familyNames, today);
        List<FamilyItem> cluster = items(open.stream().filter(f -> !f.coachId().equals(user.coachId())), familyNames,
                today);
        List<WaitingFamily> waitingFamilies = waiting.stream()
                .map(w -> new WaitingFamily(w.trajectoryId(), familyNames.get(w.trajectoryId()), w.district(),
                        w.referredOn(), DAYS.between(w.referredOn(), today)))
                .toList();
        return new MyFamiliesView(today, own, cluster, waitingFamilies);
    }

    private List<FamilyItem> items(Stream<TrajectoryFacts> facts, Map<String, String> familyNames, LocalDate today) {
        return facts.map(f -> {
                    LocalDate plannedEnd = norms.plannedEnd(f.assignedOn(), f.extensionMonths());
                    return new FamilyItem(f.trajectoryId(), familyNames.get(f.trajectoryId()), f.district(),
                            f.coachId(), f.closedOn() == null ? Stage.COACHING : Stage.AFTERCARE, f.assignedOn(),
                            plannedEnd, f.lastContactOn(), DueRules.due(f, plannedEnd, today));
                })
                .sorted(DueRules.MOST_URGENT_FIRST)
                .toList();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
