package nl.gezinscoaching.query.analytics;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageInfo;
import nl.gezinscoaching.query.support.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

    private final DurationsQueries queries;
    private final Clock clock;

    DurationsController(DurationsQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * @param referralMonth                  YYYY-MM of the referral (YYYY-Qn or YYYY when the k-anonymity rule
     *                                       coarsened it; district, language, cluster may read "other", the
     *                                       generation and interpreter need null)
     * @param daysReferralToAssignment       waiting for a coach
     * @param daysAssignmentToFirstVisit     from assignment to the first home visit
     * @param daysLongestAgencyWait          longest wait for a follow-up agency (until handover, or until now)
     * @param daysAssignmentToClosure        coaching duration of closed trajectories
     */
    record DurationRow(String pseudonym, String referralMonth, String district, String language,
                       Boolean interpreterNeeded, String migrationGeneration, String cluster,
                       Integer daysReferralToAssignment, Integer daysAssignmentToFirstVisit, Integer homeVisits,
                       Integer extensionMonths, Integer agencyReferrals, Integer daysLongestAgencyWait,
                       Integer daysAssignmentToClosure, String closureReason) {

        /** This row under its pseudonym with its quasi-identifiers as the k-anonymity rule releases them. */
        DurationRow released(String pseudonym, List<String> released) {
            return new DurationRow(pseudonym, released.get(0), released.get(2), released.get(1),
                    released.get(4) == null ? null : Boolean.valueOf(released.get(4)), released.get(3),
                    released.get(5), daysReferralToAssignment, daysAssignmentToFirstVisit, homeVisits,
                    extensionMonths, agencyReferrals, daysLongestAgencyWait, daysAssignmentToClosure, closureReason);
        }
    }

    /**
     * @param page          where {@code rows} lies in the whole export, and its total
     * @param anonymisation the k-anonymity rule applied and what it did
     */
    record DurationsView(PageInfo page, String anonymisation, List<DurationRow> rows) {
    }

    /** The header that states the rule on the CSV export. */
    static final String ANONYMISATION = "X-Anonymisation";

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    DurationsView durations(@RequestParam(defaultValue = "0") @PositiveOrZero int page,
                            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE)
                            @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        String[] anonymisation = new String[1];
        Page<DurationRow> rows = queries.durations(LocalDate.now(clock), new PageRequest(page, size),
                rule -> anonymisation[0] = rule);
        return new DurationsView(rows.info(), anonymisation[0], rows.items());
    }

    /** The whole export, streamed. */
    @GetMapping(produces = Csv.MEDIA_TYPE)
    void durationsCsv(HttpServletResponse response) throws IOException {
        LocalDate today = LocalDate.now(clock);
        Csv.stream(response, "durations", DurationRow.class, sink -> queries.forEachDuration(today,
                rule -> response.setHeader(ANONYMISATION, rule), sink));
    }
}
