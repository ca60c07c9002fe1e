package nl.gezinscoaching.query.waiting;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.gezinscoaching.query.support.ListQueries;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageRequest;
import nl.gezinscoaching.query.support.ViewCache;
import nl.gezinscoaching.query.waiting.WaitingListView.AgencyWait;
import nl.gezinscoaching.query.waiting.WaitingListView.AwaitingAgency;
import nl.gezinscoaching.query.waiting.WaitingListView.AwaitingCoach;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who waits, from the management facts: for a coach, and for a follow-up agency. */
@Component
class WaitingListQueries {

    /** Referred, no coach yet, neither declined nor closed (of one district when asked); the longest waiting first. */
    private static String awaitingCoach(Filter filter) {
        return """
                SELECT t.trajectory_id, t.district, t.referred_on
                FROM rm_trajectory t
                WHERE NOT EXISTS (SELECT 1 FROM rm_assignment a WHERE a.trajectory_id = t.trajectory_id)
                  AND NOT EXISTS (SELECT 1 FROM rm_decline d WHERE d.trajectory_id = t.trajectory_id)
                  AND NOT EXISTS (SELECT 1 FROM rm_closure c WHERE c.trajectory_id = t.trajectory_id)
                """ + (filter.district().isEmpty() ? "" : "  AND t.district = :district\n")
                + "ORDER BY t.referred_on, t.trajectory_id";
    }

    /** An open trajectory's referral to an agency without a warm handover yet. */
    private static final String OPEN_AGENCY_REFERRAL = """
            FROM rm_agency_referral r
            WHERE NOT EXISTS (SELECT 1 FROM rm_warm_handover h WHERE h.agency_referral_id = r.agency_referral_id)
              AND NOT EXISTS (SELECT 1 FROM rm_closure c WHERE c.trajectory_id = r.trajectory_id)""";

    /** The referrals {@code r} of the filter: its agency, and trajectories whose current coach is of its cluster. */
    private static String ofFilter(Filter filter, boolean withAgency) {
        return (withAgency && !filter.agency().isEmpty() ? "\n  AND r.agency = :agency" : "")
                + (filter.cluster().isEmpty() ? "" : """

                  AND (SELECT co.cluster FROM rm_assignment a JOIN rm_coach co ON co.coach_id = a.coach_id
                       WHERE a.trajectory_id = r.trajectory_id ORDER BY a.sequence DESC LIMIT 1) = :cluster""");
    }

    /** The longest waiting first. */
    private static String awaitingAgency(Filter filter) {
        return "SELECT r.trajectory_id, r.agency_referral_id, r.agency, r.referred_on\n" + OPEN_AGENCY_REFERRAL
                + ofFilter(filter, true) + "\nORDER BY r.referred_on, r.agency_referral_id";
    }

    /**
     * @param cluster  only the families whose current coach is of this cluster (families waiting for a coach
     *                 have none, so that list is never narrowed by cluster); empty for all
     * @param district only the families of this district waiting for a coach; empty for all
     * @param agency   only the families waiting for this agency; empty for all
     */
    record Filter(String cluster, String district, String agency) {

        Map<String, Object> params(LocalDate today) {
            return Map.of("today", today, "cluster", cluster, "district", district, "agency", agency);
        }
    }

    private final ListQueries lists;
    private final JdbcClient jdbc;
    private final ViewCache cache;

    WaitingListQueries(ListQueries lists, JdbcClient jdbc, ViewCache cache) {
        this.lists = lists;
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /**
     * One page of each list and the per-agency figures: one answer, computed once per state of the read models
     * ({@link ViewCache}).
     */
    WaitingListView view(LocalDate today, Filter filter, PageRequest page) {
        return cache.get("waiting-list", ViewCache.MANAGEMENT_FACTS, List.of(today, filter, page), () -> {
            Page<AwaitingCoach> coach = awaitingCoach(today, filter, page);
            Page<AwaitingAgency> agency = awaitingAgency(today, filter, page);
            return new WaitingListView(today, coach.info(), coach.items(), agency.info(), agency.items(),
                    perAgency(today, filter));
        });
    }

    private Page<AwaitingCoach> awaitingCoach(LocalDate today, Filter filter, PageRequest page) {
        return lists.page(awaitingCoach(filter), filter.params(today), awaitingCoachRow(today), page);
    }

    void forEachAwaitingCoach(LocalDate today, Filter filter, Consumer<AwaitingCoach> action) {
        lists.forEach(awaitingCoach(filter), filter.params(today), awaitingCoachRow(today), action);
    }

    private Page<AwaitingAgency> awaitingAgency(LocalDate today, Filter filter, PageRequest page) {
        return lists.page(awaitingAgency(filter), filter.params(today), awaitingAgencyRow(today), page);
    }

    void forEachAwaitingAgency(LocalDate today, Filter filter, Consumer<AwaitingAgency> action) {
        lists.forEach(awaitingAgency(filter), filter.params(today), awaitingAgencyRow(today), action);
    }

    /**
     * Per agency: families waiting now and their median wait; warm handovers so far and their median time
     * (the families of the filter's cluster; every agency, whatever the filter's agency).
     */
    private List<AgencyWait> perAgency(LocalDate today, Filter filter) {
        return jdbc.sql("""
                WITH waiting AS (
                    SELECT r.agency, :today - r.referred_on AS days
                """ + OPEN_AGENCY_REFERRAL + ofFilter(filter, false) + """

                ), handed_over AS (
                    SELECT r.agency, h.handed_over_on - r.referred_on AS days
                    FROM rm_agency_referral r JOIN rm_warm_handover h ON h.agency_referral_id = r.agency_referral_id
                    WHERE TRUE""" + ofFilter(filter, false) + """

                ), agencies AS (
                    SELECT agency FROM waiting UNION SELECT agency FROM handed_over
                )
                SELECT a.agency,
                       (SELECT count(*) FROM waiting w WHERE w.agency = a.agency) AS waiting,
                       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY w.days) FROM waiting w
                        WHERE w.agency = a.agency) AS median_waiting,
                       (SELECT count(*) FROM handed_over h WHERE h.agency = a.agency) AS handed_over,
                       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h.days) FROM handed_over h
                        WHERE h.agency = a.agency) AS median_to_handover
                FROM agencies a
                ORDER BY a.agency COLLATE "C"
                """)
                .params(filter.params(today))
                .query((row, i) -> new AgencyWait(row.getString("agency"), row.getInt("waiting"),
                        (Double) row.getObject("median_waiting"), row.getInt("handed_over"),
                        (Double) row.getObject("median_to_handover")))
                .list();
    }

    private static RowMapper<AwaitingCoach> awaitingCoachRow(LocalDate today) {
        return (row, i) -> {
            LocalDate referredOn = row.getObject("referred_on", LocalDate.class);
            return new AwaitingCoach(row.getString("trajectory_id"), row.getString("district"), referredOn,
                    DAYS.between(referredOn, today));
        };
    }

    private static RowMapper<AwaitingAgency> awaitingAgencyRow(LocalDate today) {
        return (row, i) -> {
            LocalDate referredOn = row.getObject("referred_on", LocalDate.class);
            return new AwaitingAgency(row.getString("trajectory_id"), row.getString("agency_referral_id"),
                    row.getString("agency"), referredOn, DAYS.between(referredOn, today));
        };
    }
}
