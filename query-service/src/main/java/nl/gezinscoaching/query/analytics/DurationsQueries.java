package nl.gezinscoaching.query.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import nl.gezinscoaching.api.analytics.KAnonymity;
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
 * <p>
 * The k-anonymity rule ({@link KAnonymity}, {@code analytics.k-anonymity.k}, default 5) is applied over the
 * whole export before any row leaves: referral month, language, district, migration generation, interpreter
 * need and cluster of a rare combination are coarsened, suppressed, or the row withheld; the answer states
 * the rule and what it did.
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

    /**
     * The quasi-identifiers of a row, as the k-anonymity rule sees them: referral month, language, district,
     * migration generation, interpreter need, cluster.
     */
    private static final String QUASI_IDENTIFIERS = """
            WITH first_assignment AS (
                SELECT DISTINCT ON (trajectory_id) trajectory_id, coach_id
                FROM rm_assignment ORDER BY trajectory_id, sequence
            )
            SELECT t.trajectory_id, to_char(t.referred_on, 'YYYY-MM'), t.language, t.district,
                   t.migration_generation, t.interpreter_needed::text, co.cluster
            FROM rm_trajectory t
            LEFT JOIN first_assignment f ON f.trajectory_id = t.trajectory_id
            LEFT JOIN rm_coach co ON co.coach_id = f.coach_id""";

    private final ListQueries lists;
    private final JdbcClient jdbc;
    private final Pseudonyms pseudonyms;
    private final KAnonymity rule;

    DurationsQueries(ListQueries lists, JdbcClient jdbc, Pseudonyms pseudonyms,
                     @Value("${analytics.k-anonymity.k:" + KAnonymity.DEFAULT_K + "}") int k) {
        this.lists = lists;
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
        this.rule = new KAnonymity(k, KAnonymity.ladder(0, 1, 2, 3, 4, 5));
    }

    /** A trajectory's pseudonym, id and quasi-identifiers as released. */
    private record Ranked(String pseudonym, String trajectoryId, List<String> released) {
    }

    /** The trajectories in pseudonym order (withheld ones left out), and what the rule did. */
    private record Ranking(List<Ranked> rows, KAnonymity.Outcome outcome) {
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<DurationRow> durations(LocalDate today, PageRequest page, Consumer<String> anonymisation) {
        Ranking ranking = ranking();
        anonymisation.accept(ranking.outcome().describe());
        List<Ranked> rows = ranking.rows();
        int from = (int) Math.min(page.offset(), rows.size());
        int to = Math.min(from + page.size(), rows.size());
        return new Page<>(rows(rows.subList(from, to), today), PageInfo.of(page, rows.size()));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void forEachDuration(LocalDate today, Consumer<String> anonymisation, Consumer<DurationRow> action) {
        Ranking ranking = ranking();
        anonymisation.accept(ranking.outcome().describe());
        List<Ranked> rows = ranking.rows();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            rows(rows.subList(from, Math.min(from + CHUNK, rows.size())), today).forEach(action);
        }
    }

    /** Every trajectory with its pseudonym and released quasi-identifiers, in pseudonym order. */
    private Ranking ranking() {
        record Row(String trajectoryId, List<String> quasiIdentifiers) {
        }
        List<Row> all = new ArrayList<>();
        lists.forEach(QUASI_IDENTIFIERS, Map.of(), (row, i) -> new Row(row.getString(1), java.util.Arrays.asList(
                row.getString(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6),
                row.getString(7))), all::add);
        KAnonymity.Outcome outcome = rule.applyToRows(all.stream().map(Row::quasiIdentifiers).toList());
        List<Ranked> ranking = new ArrayList<>();
        for (Row row : all) {
            outcome.of(row.quasiIdentifiers()).ifPresent(released ->
                    ranking.add(new Ranked(pseudonyms.trajectory(row.trajectoryId()), row.trajectoryId(), released)));
        }
        ranking.sort(Comparator.comparing(Ranked::pseudonym).thenComparing(Ranked::trajectoryId));
        return new Ranking(ranking, outcome);
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
                .map(r -> byId.get(r.trajectoryId()).released(r.pseudonym(), r.released()))
                .toList();
    }
}
