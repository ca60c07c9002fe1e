package nl.gezinscoaching.query.analytics;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.LocalDate;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.gezinscoaching.query.support.Csv;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The duration-study export: one row per trajectory with the days each phase took, the family's district,
 * language and interpreter need, the coach's cluster and the outcome. The trajectory id is replaced by a
 * keyed pseudonym (HMAC-SHA-256 with {@code analytics.pseudonym-key}), dates by day counts and the
 * referral month, so rows can be linked across exports but not to a family.
 */
@RestController
@RequestMapping("/api/analytics/durations")
class DurationsController {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecretKeySpec pseudonymKey;

    DurationsController(JdbcClient jdbc, Clock clock, @Value("${analytics.pseudonym-key}") String pseudonymKey) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pseudonymKey = new SecretKeySpec(pseudonymKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * @param referralMonth                  YYYY-MM of the referral
     * @param daysReferralToAssignment       waiting for a coach
     * @param daysAssignmentToFirstVisit     from assignment to the first home visit
     * @param daysLongestAgencyWait          longest wait for a follow-up agency (until handover, or until now)
     * @param daysAssignmentToClosure        coaching duration of closed trajectories
     */
    record DurationRow(String pseudonym, String referralMonth, String district, String language,
                       boolean interpreterNeeded, String migrationGeneration, String cluster,
                       Integer daysReferralToAssignment, Integer daysAssignmentToFirstVisit, Integer homeVisits,
                       Integer extensionMonths, Integer agencyReferrals, Integer daysLongestAgencyWait,
                       Integer daysAssignmentToClosure, String closureReason) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<DurationRow> durations() {
        return jdbc.sql("""
                WITH first_assignment AS (
                    SELECT DISTINCT ON (trajectory_id) trajectory_id, coach_id, assigned_on
                    FROM rm_assignment ORDER BY trajectory_id, sequence
                )
                SELECT t.trajectory_id, to_char(t.referred_on, 'YYYY-MM') AS referral_month, t.district, t.language,
                       t.interpreter_needed, t.migration_generation, co.cluster,
                       f.assigned_on - t.referred_on AS to_assignment,
                       (SELECT min(v.visited_on) FROM rm_home_visit v WHERE v.trajectory_id = t.trajectory_id)
                           - f.assigned_on AS to_first_visit,
                       (SELECT count(*) FROM rm_home_visit v WHERE v.trajectory_id = t.trajectory_id) AS visits,
                       (SELECT coalesce(sum(e.months), 0) FROM rm_extension e WHERE e.trajectory_id = t.trajectory_id)
                           AS extension_months,
                       (SELECT count(*) FROM rm_agency_referral r WHERE r.trajectory_id = t.trajectory_id)
                           AS agency_referrals,
                       (SELECT max(coalesce(h.handed_over_on, c.closed_on, :today) - r.referred_on)
                        FROM rm_agency_referral r
                        LEFT JOIN rm_warm_handover h ON h.agency_referral_id = r.agency_referral_id
                        WHERE r.trajectory_id = t.trajectory_id) AS longest_agency_wait,
                       c.closed_on - f.assigned_on AS to_closure, c.reason
                FROM rm_trajectory t
                LEFT JOIN first_assignment f ON f.trajectory_id = t.trajectory_id
                LEFT JOIN rm_coach co ON co.coach_id = f.coach_id
                LEFT JOIN rm_closure c ON c.trajectory_id = t.trajectory_id
                ORDER BY 1""")
                .param("today", LocalDate.now(clock))
                .query((row, i) -> new DurationRow(pseudonym(row.getString("trajectory_id")),
                        row.getString("referral_month"), row.getString("district"), row.getString("language"),
                        row.getBoolean("interpreter_needed"), row.getString("migration_generation"),
                        row.getString("cluster"), (Integer) row.getObject("to_assignment"),
                        (Integer) row.getObject("to_first_visit"), row.getInt("visits"),
                        row.getInt("extension_months"), row.getInt("agency_referrals"),
                        (Integer) row.getObject("longest_agency_wait"), (Integer) row.getObject("to_closure"),
                        row.getString("reason")))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(DurationRow::pseudonym))
                .toList();
    }

    @GetMapping(produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> durationsCsv() {
        return Csv.of("durations", DurationRow.class, durations());
    }

    private String pseudonym(String trajectoryId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            return HexFormat.of().formatHex(mac.doFinal(trajectoryId.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }
}
