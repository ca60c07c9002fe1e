package nl.gezinscoaching.query.analytics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.gezinscoaching.query.analytics.DurationsController.DurationRow;
import nl.gezinscoaching.query.support.ListQueries;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageInfo;
import nl.gezinscoaching.query.support.PageRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The duration-study rows, in the order of their pseudonyms: an order that says nothing about the
 * families (ordering by trajectory id would let anyone who knows the ids line them up with the rows).
 * Because the pseudonym is keyed outside the database, that order is known only after hashing every
 * trajectory id: a page or the whole export first ranks all ids (about 100 bytes per trajectory held),
 * then reads the rows of {@link #CHUNK} ids at a time.
 */
@Component
class DurationsQueries {

    /** Trajectories whose rows are read per query. */
    static final int CHUNK = 1000;

    private static final String ROWS = """
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
            WHERE t.trajectory_id IN (:ids)""";

    private final ListQueries lists;
    private final JdbcClient jdbc;
    private final SecretKeySpec pseudonymKey;

    DurationsQueries(ListQueries lists, JdbcClient jdbc, @Value("${analytics.pseudonym-key}") String pseudonymKey) {
        this.lists = lists;
        this.jdbc = jdbc;
        this.pseudonymKey = new SecretKeySpec(pseudonymKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private record Ranked(String pseudonym, String trajectoryId) {
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<DurationRow> durations(LocalDate today, PageRequest page) {
        List<Ranked> ranking = ranking();
        int from = (int) Math.min(page.offset(), ranking.size());
        int to = Math.min(from + page.size(), ranking.size());
        return new Page<>(rows(ranking.subList(from, to), today), PageInfo.of(page, ranking.size()));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void forEachDuration(LocalDate today, Consumer<DurationRow> action) {
        List<Ranked> ranking = ranking();
        for (int from = 0; from < ranking.size(); from += CHUNK) {
            rows(ranking.subList(from, Math.min(from + CHUNK, ranking.size())), today).forEach(action);
        }
    }

    /** Every trajectory with its pseudonym, in pseudonym order. */
    private List<Ranked> ranking() {
        Mac mac = mac();
        List<Ranked> ranking = new ArrayList<>();
        lists.forEach("SELECT trajectory_id FROM rm_trajectory", Map.of(), (row, i) -> row.getString(1),
                id -> ranking.add(new Ranked(pseudonym(mac, id), id)));
        ranking.sort(Comparator.comparing(Ranked::pseudonym).thenComparing(Ranked::trajectoryId));
        return ranking;
    }

    /** The rows of these trajectories, in their order. */
    private List<DurationRow> rows(List<Ranked> ranked, LocalDate today) {
        if (ranked.isEmpty()) {
            return List.of();
        }
        Map<String, DurationRow> byId = jdbc.sql(ROWS)
                .param("today", today)
                .param("ids", ranked.stream().map(Ranked::trajectoryId).toList())
                .query((row, i) -> Map.entry(row.getString("trajectory_id"), new DurationRow(null,
                        row.getString("referral_month"), row.getString("district"), row.getString("language"),
                        row.getBoolean("interpreter_needed"), row.getString("migration_generation"),
                        row.getString("cluster"), (Integer) row.getObject("to_assignment"),
                        (Integer) row.getObject("to_first_visit"), row.getInt("visits"),
                        row.getInt("extension_months"), row.getInt("agency_referrals"),
                        (Integer) row.getObject("longest_agency_wait"), (Integer) row.getObject("to_closure"),
                        row.getString("reason"))))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return ranked.stream()
                .filter(r -> byId.containsKey(r.trajectoryId()))
                .map(r -> byId.get(r.trajectoryId()).withPseudonym(r.pseudonym()))
                .toList();
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }

    private static String pseudonym(Mac mac, String trajectoryId) {
        return HexFormat.of().formatHex(mac.doFinal(trajectoryId.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }
}
