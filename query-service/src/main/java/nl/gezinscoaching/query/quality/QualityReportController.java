package nl.gezinscoaching.query.quality;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.query.quality.QualityReport.SubgoalAttainment;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.platform.web.FieldProblem;
import nl.gezinscoaching.platform.web.Problems;
import nl.gezinscoaching.query.quality.QualityReport.Satisfaction;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.SupportedDate;
import nl.gezinscoaching.query.support.ViewCache;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/quality-report")
class QualityReportController {

    private static final String FIRST_ASSIGNMENT = """
            WITH first_assignment AS (
                SELECT DISTINCT ON (trajectory_id) trajectory_id, assigned_on
                FROM rm_assignment ORDER BY trajectory_id, sequence
            )
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ViewCache cache;

    QualityReportController(JdbcClient jdbc, Clock clock, ViewCache cache) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cache = cache;
    }

    /** @param from first day of the period (default: 1 January of this year); @param to last day (default today) */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "the report of the period",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = QualityReport.class)))
    ResponseEntity<?> report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                             @SupportedDate LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                             @SupportedDate LocalDate to) {
        ReportPeriod period = ReportPeriod.of(from, to, clock);
        if (!period.valid()) {
            return ReportPeriod.refused();
        }
        return ResponseEntity.ok(compute(period.from(), period.to()));
    }

    QualityReport compute(LocalDate from, LocalDate to) {
        return cache.get("quality-report", ViewCache.MANAGEMENT_FACTS, List.of(from, to), () -> computeNow(from, to));
    }

    private QualityReport computeNow(LocalDate from, LocalDate to) {
        Map<String, Integer> closuresByReason = new LinkedHashMap<>();
        for (ClosureReason reason : ClosureReason.values()) {
            closuresByReason.put(reason.name(), 0);
        }
        jdbc.sql("SELECT reason, count(*) AS n FROM rm_closure WHERE closed_on BETWEEN :from AND :to GROUP BY reason")
                .param("from", from).param("to", to)
                .query((row, i) -> closuresByReason.put(row.getString("reason"), row.getInt("n")))
                .list();
        int closed = closuresByReason.values().stream().mapToInt(Integer::intValue).sum();

        Map<String, Integer> attainment = new LinkedHashMap<>();
        for (GoalAttainment value : GoalAttainment.values()) {
            attainment.put(value.name(), 0);
        }
        jdbc.sql("""
                SELECT attainment, count(*) AS n FROM rm_goal_evaluation
                WHERE evaluated_on BETWEEN :from AND :to GROUP BY attainment""")
                .param("from", from).param("to", to)
                .query((row, i) -> attainment.put(row.getString("attainment"), row.getInt("n")))
                .list();
        int evaluated = attainment.values().stream().mapToInt(Integer::intValue).sum();
        int achieved = attainment.get(GoalAttainment.FULLY.name()) + attainment.get(GoalAttainment.PARTLY.name());

        Map<String, Integer> declinesByContraIndication = new LinkedHashMap<>();
        for (ContraIndication contraIndication : ContraIndication.values()) {
            declinesByContraIndication.put(contraIndication.name(), 0);
        }
        jdbc.sql("""
                SELECT contra_indication, count(*) AS n FROM rm_screening_decline
                WHERE declined_on BETWEEN :from AND :to GROUP BY contra_indication""")
                .param("from", from).param("to", to)
                .query((row, i) -> declinesByContraIndication.put(row.getString("contra_indication"), row.getInt("n")))
                .list();

        return new QualityReport(from, to,
                count("SELECT count(*) FROM rm_trajectory WHERE referred_on BETWEEN :from AND :to", from, to),
                count("SELECT count(*) FROM rm_decline WHERE declined_on BETWEEN :from AND :to", from, to),
                declinesByContraIndication,
                count(FIRST_ASSIGNMENT + "SELECT count(*) FROM first_assignment WHERE assigned_on BETWEEN :from AND :to",
                        from, to),
                closed, closuresByReason,
                share(closuresByReason.get(ClosureReason.DROPPED_OUT.name()), closed),
                count("SELECT count(*) FROM rm_home_visit WHERE visited_on BETWEEN :from AND :to", from, to),
                number("""
                        SELECT avg((SELECT count(*) FROM rm_home_visit v WHERE v.trajectory_id = c.trajectory_id))
                        FROM rm_closure c WHERE c.closed_on BETWEEN :from AND :to""", from, to),
                count("SELECT count(*) FROM rm_goal WHERE set_on BETWEEN :from AND :to", from, to),
                evaluated, attainment, share(achieved, evaluated),
                satisfaction("client_satisfaction", from, to),
                satisfaction("referrer_satisfaction", from, to),
                number(FIRST_ASSIGNMENT + """
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY f.assigned_on - t.referred_on)
                        FROM first_assignment f JOIN rm_trajectory t ON t.trajectory_id = f.trajectory_id
                        WHERE f.assigned_on BETWEEN :from AND :to""", from, to),
                number(FIRST_ASSIGNMENT + """
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY c.closed_on - f.assigned_on)
                        FROM rm_closure c JOIN first_assignment f ON f.trajectory_id = c.trajectory_id
                        WHERE c.closed_on BETWEEN :from AND :to""", from, to),
                attainmentBySubgoal(from, to));
    }

    /** Evaluations in the period per subgoal of the evaluated goal, then those of goals linked to none. */
    private Map<String, SubgoalAttainment> attainmentBySubgoal(LocalDate from, LocalDate to) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (Subgoal subgoal : Subgoal.values()) {
            keys.add(subgoal.name());
        }
        keys.add(QualityReport.NOT_LINKED);
        for (String key : keys) {
            Map<String, Integer> attainment = new LinkedHashMap<>();
            for (GoalAttainment value : GoalAttainment.values()) {
                attainment.put(value.name(), 0);
            }
            counts.put(key, attainment);
        }
        jdbc.sql("""
                SELECT coalesce(s.subgoal, :notLinked) AS subgoal, e.attainment, count(*) AS n
                FROM rm_goal_evaluation e LEFT JOIN rm_goal_subgoal s ON s.goal_id = e.goal_id
                WHERE e.evaluated_on BETWEEN :from AND :to
                GROUP BY 1, 2""")
                .param("from", from).param("to", to).param("notLinked", QualityReport.NOT_LINKED)
                .query((row, i) -> counts.get(row.getString("subgoal")).put(row.getString("attainment"), row.getInt("n")))
                .list();
        Map<String, SubgoalAttainment> bySubgoal = new LinkedHashMap<>();
        counts.forEach((subgoal, attainment) -> {
            int evaluated = attainment.values().stream().mapToInt(Integer::intValue).sum();
            int achieved = attainment.get(GoalAttainment.FULLY.name()) + attainment.get(GoalAttainment.PARTLY.name());
            bySubgoal.put(subgoal, new SubgoalAttainment(evaluated, attainment, share(achieved, evaluated)));
        });
        return bySubgoal;
    }

    /** The report as two columns, measure and value (a number, a date or empty), for spreadsheets. */
    record MeasureRow(String measure, Object value) {
    }

    @GetMapping(produces = Csv.MEDIA_TYPE)
    ResponseEntity<?> reportCsv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                @SupportedDate LocalDate from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                @SupportedDate LocalDate to) {
        ResponseEntity<?> answer = report(from, to);
        if (!(answer.getBody() instanceof QualityReport report)) {
            return answer;
        }
        List<MeasureRow> rows = new ArrayList<>();
        rows.add(row("from", report.from()));
        rows.add(row("to", report.to()));
        rows.add(row("referralsReceived", report.referralsReceived()));
        rows.add(row("referralsDeclined", report.referralsDeclined()));
        report.declinesByContraIndication().forEach((contraIndication, n) ->
                rows.add(row("declinesByContraIndication." + contraIndication, n)));
        rows.add(row("familiesStarted", report.familiesStarted()));
        rows.add(row("familiesClosed", report.familiesClosed()));
        report.closuresByReason().forEach((reason, n) -> rows.add(row("closures." + reason, n)));
        rows.add(row("dropOutShare", report.dropOutShare()));
        rows.add(row("homeVisits", report.homeVisits()));
        rows.add(row("homeVisitsPerClosedFamily", report.homeVisitsPerClosedFamily()));
        rows.add(row("goalsSet", report.goalsSet()));
        rows.add(row("goalsEvaluated", report.goalsEvaluated()));
        report.goalAttainment().forEach((value, n) -> rows.add(row("goalAttainment." + value, n)));
        rows.add(row("goalsAchievedShare", report.goalsAchievedShare()));
        rows.add(row("clientSatisfaction.answered", report.clientSatisfaction().answered()));
        rows.add(row("clientSatisfaction.mean", report.clientSatisfaction().mean()));
        rows.add(row("referrerSatisfaction.answered", report.referrerSatisfaction().answered()));
        rows.add(row("referrerSatisfaction.mean", report.referrerSatisfaction().mean()));
        rows.add(row("medianDaysReferralToAssignment", report.medianDaysReferralToAssignment()));
        rows.add(row("medianDaysAssignmentToClosure", report.medianDaysAssignmentToClosure()));
        report.goalAttainmentBySubgoal().forEach((subgoal, attainment) -> {
            rows.add(row("goalAttainmentBySubgoal." + subgoal + ".evaluated", attainment.evaluated()));
            attainment.attainment().forEach((value, n) -> rows.add(row("goalAttainmentBySubgoal." + subgoal + "." + value, n)));
            rows.add(row("goalAttainmentBySubgoal." + subgoal + ".achievedShare", attainment.achievedShare()));
        });
        return Csv.of("quality-report-" + report.from() + "-" + report.to(), MeasureRow.class, rows);
    }

    private static MeasureRow row(String measure, Object value) {
        return new MeasureRow(measure, value);
    }

    private int count(String sql, LocalDate from, LocalDate to) {
        return jdbc.sql(sql).param("from", from).param("to", to).query(Integer.class).single();
    }

    private Double number(String sql, LocalDate from, LocalDate to) {
        BigDecimal value = jdbc.sql(sql).param("from", from).param("to", to).query(BigDecimal.class).optional().orElse(null);
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private Satisfaction satisfaction(String column, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT count(" + column + ") AS answered, avg(" + column + ") AS mean "
                        + "FROM rm_closure WHERE closed_on BETWEEN :from AND :to")
                .param("from", from).param("to", to)
                .query((row, i) -> {
                    BigDecimal mean = row.getBigDecimal("mean");
                    return new Satisfaction(row.getInt("answered"),
                            mean == null ? null : mean.setScale(2, RoundingMode.HALF_UP).doubleValue());
                })
                .single();
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
