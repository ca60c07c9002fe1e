package nl.gezinscoaching.web.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.stringContainsInOrder;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.api.views.QualityTrajectories;
import nl.gezinscoaching.web.services.ManagementService;
import nl.gezinscoaching.web.services.ManagementViews.ActiveTrajectory;
import nl.gezinscoaching.web.services.ManagementViews.AgencyWait;
import nl.gezinscoaching.web.services.ManagementViews.AwaitingAgency;
import nl.gezinscoaching.web.services.ManagementViews.AwaitingCoach;
import nl.gezinscoaching.web.services.ManagementViews.Caseload;
import nl.gezinscoaching.web.services.ManagementViews.ClusterLoad;
import nl.gezinscoaching.web.services.ManagementViews.CoachLoad;
import nl.gezinscoaching.web.services.ManagementViews.CsvFile;
import nl.gezinscoaching.web.services.ManagementViews.DistrictLoad;
import nl.gezinscoaching.web.services.ManagementViews.FamilyReads;
import nl.gezinscoaching.web.services.ManagementViews.Filter;
import nl.gezinscoaching.web.services.ManagementViews.Overrun;
import nl.gezinscoaching.web.services.ManagementViews.Overruns;
import nl.gezinscoaching.web.services.ManagementViews.PageInfo;
import nl.gezinscoaching.web.services.ManagementViews.QualityReport;
import nl.gezinscoaching.web.services.ManagementViews.Read;
import nl.gezinscoaching.web.services.ManagementViews.Satisfaction;
import nl.gezinscoaching.web.services.ManagementViews.Trajectories;
import nl.gezinscoaching.web.services.ManagementViews.Trend;
import nl.gezinscoaching.web.services.ManagementViews.TrendPoint;
import nl.gezinscoaching.web.services.ManagementViews.Verification;
import nl.gezinscoaching.web.services.ManagementViews.WaitingList;
import nl.gezinscoaching.web.services.QueryService;
import nl.gezinscoaching.api.views.TrajectoryHistory;
import nl.gezinscoaching.api.views.TrajectoryHistory.Entry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The dashboard and audit pages' role rules and what they show, with the query service's answers given: who gets
 * which page (a coach the 403 page, without the service being asked), the filter passed on and kept in every
 * link, each chart's numbers in a table, the CSV passed through, the history and its read audit.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ManagementPagesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final PageInfo ONE_PAGE = new PageInfo(0, 10, 1, 1);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ManagementService management;

    @MockitoBean
    QueryService queries;

    private static OidcLoginRequestPostProcessor signedIn(String username, String role, String coachId, String cluster) {
        return oidcLogin().idToken(token -> token.subject(username).claims(claims -> {
            claims.put("preferred_username", username);
            claims.put("resource_access", Map.of("gezinscoaching", Map.of("roles", List.of(role))));
            if (coachId != null) {
                claims.put("coach_id", coachId);
                claims.put("cluster", cluster);
            }
        }));
    }

    private static OidcLoginRequestPostProcessor mila() {
        return signedIn("mila", "manager", null, null);
    }

    private static OidcLoginRequestPostProcessor sanne() {
        return signedIn("sanne", "senior_coach", "sanne", "Noord");
    }

    private static OidcLoginRequestPostProcessor anna() {
        return signedIn("anna", "coach", "anna", "Noord");
    }

    private static Caseload caseload(String cluster) {
        return new Caseload(TODAY, new BigDecimal("11"), List.of(
                new CoachLoad("anna", "Anna", "Noord", BigDecimal.ONE, 13, new BigDecimal("11.0"), true),
                new CoachLoad("sanne", "Sanne", "Noord", new BigDecimal("0.5"), 2, new BigDecimal("5.5"), false)),
                List.of(new ClusterLoad("Noord", 2, new BigDecimal("1.5"), 15, new BigDecimal("16.5"), false)),
                List.of(new DistrictLoad("Escamp", 15, 2)), new Filter(cluster, ""));
    }

    private void givenTheViews() {
        given(management.caseload(anyMap())).willReturn(caseload(""));
        given(management.trend(anyMap())).willReturn(new Trend(TODAY, 12, new Filter("", ""), List.of(
                new TrendPoint(TODAY.minusMonths(1), 2, 9, new BigDecimal("16.5"), 0),
                new TrendPoint(TODAY, 2, 15, new BigDecimal("16.5"), 1))));
        given(management.overruns(anyMap())).willReturn(new Overruns(TODAY, 6, ONE_PAGE, List.of(
                new Overrun("t-over", "anna", TODAY.minusMonths(8), 0, TODAY.minusDays(61), 61, true, List.of("GGZ")))));
        given(management.waitingList(anyMap())).willReturn(new WaitingList(TODAY, ONE_PAGE,
                List.of(new AwaitingCoach("t-wait", "Escamp", TODAY.minusDays(21), 21)), ONE_PAGE,
                List.of(new AwaitingAgency("t-over", "a-1", "GGZ", TODAY.minusDays(40), 40)),
                List.of(new AgencyWait("GGZ", 1, 40.0, 3, 12.5))));
        given(management.qualityReport(anyMap())).willReturn(new QualityReport(LocalDate.of(2026, 1, 1), TODAY,
                30, 2, 25, 10, Map.of("DROPPED_OUT", 1, "FAMILY_IN_CONTROL", 9), 0.1, 240, 14.5, 40, 20,
                Map.of("FULLY", 12, "PARTLY", 4, "UNCHANGED", 3, "WORSENED", 1), 0.8, new Satisfaction(9, 7.8),
                new Satisfaction(0, null), 12.0, 190.0));
    }

    @Test
    void theStylesScriptsAndWebJarsAreServed() throws Exception {
        mvc.perform(get("/css/app.css")).andExpect(status().isOk());
        mvc.perform(get("/webjars/chart.js/dist/chart.umd.min.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/picocss__pico/css/pico.min.css")).andExpect(status().isOk());
        mvc.perform(get("/js/dashboard.js").with(mila())).andExpect(status().isOk());
        mvc.perform(get("/static/css/app.css").with(mila())).andExpect(status().isNotFound());
    }

    @Test
    void everyQualityFigureAndEveryDayOfTheTrendLeadsToTheFamiliesBehindIt() throws Exception {
        givenTheViews();
        mvc.perform(get("/dashboard").with(mila()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder(
                        "href=\"/dashboard/quality?measure=RECEIVED&amp;from=2026-01-01&amp;to=2026-11-22\"", "30",
                        "href=\"/dashboard/quality?measure=CLOSED&amp;value=DROPPED_OUT&amp;from=2026-01-01&amp;to=2026-11-22\"",
                        "href=\"/dashboard/quality?measure=HOME_VISITS&amp;from=2026-01-01&amp;to=2026-11-22\"", "240")))
                .andExpect(content().string(containsString(
                        "href=\"/dashboard/quality?measure=GOALS_EVALUATED&amp;value=FULLY&amp;from=2026-01-01&amp;to=2026-11-22\"")))
                .andExpect(content().string(containsString(
                        "href=\"/dashboard/families?asOf=" + TODAY.minusMonths(1) + "\"")));

        given(management.qualityTrajectories(anyMap())).willReturn(new QualityTrajectories(LocalDate.of(2026, 1, 1),
                TODAY, QualityTrajectories.Measure.CLOSED, "DROPPED_OUT", new QualityTrajectories.PageInfo(0, 50, 1, 1),
                List.of(new QualityTrajectories.Row("t-closed", "Escamp", "anna", TODAY.minusDays(3), null, 240,
                        "DROPPED_OUT", 6, null))));
        mvc.perform(get("/dashboard/quality?measure=CLOSED&value=DROPPED_OUT&from=2026-01-01&to=2026-11-22").with(mila()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("Gezinnen afgesloten", "Gezin is afgehaakt", "1 gezin.",
                        "href=\"/audit/families/t-closed\"", "anna", "Escamp", "240", "Gezin is afgehaakt", "6")))
                .andExpect(content().string(containsString(
                        "href=\"/dashboard/csv/quality-trajectories?measure=CLOSED&amp;from=2026-01-01&amp;to=2026-11-22&amp;value=DROPPED_OUT\"")));
        verify(management).qualityTrajectories(Map.of("measure", "CLOSED", "value", "DROPPED_OUT", "from", "2026-01-01",
                "to", "2026-11-22", "page", "0", "size", "50"));

        mvc.perform(get("/dashboard/quality?measure=NONSENSE&from=2026-01-01&to=2026-11-22").with(mila()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/dashboard/quality?measure=CLOSED&from=2026-01-01&to=2026-11-22").with(sanne()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aCoachGetsTheForbiddenPageForEveryManagementPageAndNoServiceIsAsked() throws Exception {
        for (String page : List.of("/dashboard", "/dashboard/families?coachId=bram", "/dashboard/overruns",
                "/dashboard/waiting", "/dashboard/csv/overruns", "/audit/families/t-1", "/audit/families/t-1/reads",
                "/audit/families/t-1/reads/recent", "/audit/families/t-1/history.csv", "/admin/read-audit",
                "/admin/retention", "/dashboard/quality?measure=CLOSED&from=2026-01-01&to=2026-11-22")) {
            mvc.perform(get(page).with(anna()))
                    .andExpect(status().isForbidden())
                    .andExpect(forwardedUrl("/forbidden"));
        }
        verifyNoInteractions(management, queries);
    }

    @Test
    void aManagerSeesEachChartWithItsNumbersInATableAndEveryNumberLinksToItsListWithTheFilter() throws Exception {
        givenTheViews();

        mvc.perform(get("/dashboard").param("cluster", "Noord").with(mila()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("src=\"/webjars/chart.js/", "/dist/chart.umd.min.js\"")))
                .andExpect(content().string(containsString("id=\"caseload-chart\" role=\"img\"")))
                .andExpect(content().string(containsString("data-chart=\"{&quot;labels&quot;:[&quot;Anna (boven capaciteit)&quot;,&quot;Sanne&quot;]")))
                .andExpect(content().string(stringContainsInOrder("Actieve gezinnen per coach tegen de capaciteit",
                        "Anna", "13", "11,0", "Boven capaciteit", "Noord", "1,0", "Sanne", "2", "5,5",
                        "Binnen capaciteit", "Noord", "0,5")))
                .andExpect(content().string(containsString("href=\"/dashboard/families?cluster=Noord&amp;coachId=anna\"")))
                .andExpect(content().string(containsString("href=\"/dashboard/waiting?cluster=Noord&amp;district=Escamp\"")))
                .andExpect(content().string(stringContainsInOrder("Actieve gezinnen en capaciteit per maand", "22 okt. 2026",
                        "9", "22 nov. 2026", "15")))
                .andExpect(content().string(stringContainsInOrder("Alle overschrijdingen (1)", "t-over", "anna",
                        "61", "Ja: GGZ")))
                .andExpect(content().string(containsString("href=\"/dashboard/overruns?cluster=Noord&amp;coachId=anna\"")))
                .andExpect(content().string(containsString("href=\"/audit/families/t-over\"")))
                .andExpect(content().string(containsString("href=\"/dashboard/csv/overruns?cluster=Noord\"")))
                .andExpect(content().string(stringContainsInOrder("Per instantie", "GGZ",
                        "href=\"/dashboard/waiting?cluster=Noord&amp;agency=GGZ\"", "40,0", "3", "12,5")))
                .andExpect(content().string(containsString(">1 gezin wacht op een instantie.</a>")))
                .andExpect(content().string(containsString(">1 aanmelding wacht op een coach.</a>")))
                .andExpect(content().string(stringContainsInOrder("Kwaliteitsrapportage", "Aanmeldingen ontvangen", "30",
                        "Uitval", "10%", "Huisbezoeken", "240", "GAS: doelen (gedeeltelijk) bereikt", "80%",
                        "Tevredenheid gezin", "7,8 (9 cijfers)", "Tevredenheid verwijzer", "geen",
                        "Doorlooptijd aanmelding tot coach", "12,0")))
                .andExpect(content().string(containsString(
                        "href=\"/dashboard/csv/quality-report?cluster=Noord&amp;from=2026-01-01&amp;to=")));

        verify(management).caseload(Map.of("cluster", "Noord"));
        verify(management).caseload(Map.of());
        verify(management).trend(Map.of("cluster", "Noord", "months", "12"));
        verify(management).overruns(Map.of("cluster", "Noord", "size", "10"));
    }

    @Test
    void aSeniorCoachSeesHerClusterWithoutTheClusterChoiceOrTheOrganisationsQualityReport() throws Exception {
        givenTheViews();

        mvc.perform(get("/dashboard").with(sanne()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("U ziet de cijfers van uw eigen cluster: Noord.")))
                .andExpect(content().string(not(containsString("id=\"filter-cluster\""))))
                .andExpect(content().string(not(containsString("Kwaliteitsrapportage"))))
                .andExpect(content().string(containsString("href=\"/trajectories/t-over\"")));
        verifyNoInteractions(queries);
    }

    @Test
    void aSeniorCoachWhoAsksForAnotherClusterGetsTheServicesRefusalAsTheForbiddenPage() throws Exception {
        given(management.caseload(anyMap())).willThrow(HttpClientErrorException.create(HttpStatus.FORBIDDEN,
                "Forbidden", HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8));

        mvc.perform(get("/dashboard").param("cluster", "Zuid").with(sanne()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Geen toegang")));
    }

    @Test
    void aCoachsBarLeadsToHerFamiliesWithTheFilterPassedOnAndKept() throws Exception {
        given(management.trajectories(anyMap())).willReturn(new Trajectories(TODAY, new Filter("Noord", ""), "anna",
                new PageInfo(0, 50, 51, 2), List.of(new ActiveTrajectory("t-1", "anna", "Noord", "Escamp",
                TODAY.minusDays(30), TODAY.minusDays(25)))));

        mvc.perform(get("/dashboard/families").param("cluster", "Noord").param("coachId", "anna").with(mila()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("Gezinnen van coach anna", "Filter: Noord",
                        "51 gezinnen.", "t-1", "anna", "Noord", "Escamp", "23 okt. 2026", "28 okt. 2026",
                        "Pagina 1 van 2")))
                .andExpect(content().string(containsString("href=\"/audit/families/t-1\"")))
                .andExpect(content().string(containsString("href=\"/dashboard/families?cluster=Noord&amp;coachId=anna&amp;page=1\"")))
                .andExpect(content().string(containsString("href=\"/dashboard/csv/families?cluster=Noord&amp;coachId=anna\"")))
                .andExpect(content().string(containsString("href=\"/dashboard?cluster=Noord\"")));
        verify(management).trajectories(Map.of("cluster", "Noord", "coachId", "anna", "page", "0", "size", "50"));
    }

    @Test
    void aCsvIsTheServicesCsvWithItsFileName() throws Exception {
        given(management.csv(eq("/api/overruns"), anyMap())).willReturn(new CsvFile(
                "trajectoryId,coachId\n\"t-over\",\"anna\"\n".getBytes(StandardCharsets.UTF_8),
                "attachment; filename=\"overruns-2026-11-22.csv\""));

        mvc.perform(get("/dashboard/csv/overruns").param("cluster", "Noord").with(mila()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"overruns-2026-11-22.csv\""))
                .andExpect(content().string("trajectoryId,coachId\n\"t-over\",\"anna\"\n"));
        verify(management).csv("/api/overruns", Map.of("cluster", "Noord"));

        mvc.perform(get("/dashboard/csv/dead-letters").with(mila())).andExpect(status().isNotFound());
        mvc.perform(get("/dashboard/csv/overruns").param("cluster", "x".repeat(201)).with(mila()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aManagerReadsAFamilysFullHistoryInTheOrderRecordedWithWhoReadItWhen() throws Exception {
        given(queries.history("t-1")).willReturn(new TrajectoryHistory("t-1", null, List.of(
                new Entry(0, "FamilyReferred", TODAY.minusDays(30), Instant.parse("2026-10-23T08:00:00Z"), "admin",
                        Map.of("family", Map.of("name", "Familie Jansen", "district", "Escamp")), "1"),
                new Entry(1, "CoachAssigned", TODAY.minusDays(25), Instant.parse("2026-10-28T09:30:00Z"), "sanne",
                        Map.of("coachId", "anna"), "1"))));
        given(management.reads(eq("t-1"), anyMap())).willReturn(new FamilyReads("t-1", ONE_PAGE,
                List.of(new Read(Instant.parse("2026-11-22T10:15:00Z"), "mila", "history"))));

        mvc.perform(get("/audit/families/t-1").with(mila()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("Volledige geschiedenis: Familie Jansen",
                        "0", "23 okt. 2026 10:00:00", "Aanmelding", "admin", "1", "28 okt. 2026 10:30:00",
                        "Coach toegewezen", "sanne", "coachId", "anna",
                        "Wie las dit dossier wanneer", "22 nov. 2026 11:15:00", "mila", "geschiedenis")))
                .andExpect(content().string(containsString("href=\"/audit/families/t-1/reads\"")));
        verify(management).reads("t-1", Map.of("size", "10"));
    }

    @Test
    void aSeniorCoachGetsNoAuditPageAndAManagerNoAdministratorsPage() throws Exception {
        for (var page : List.of(get("/audit/families/t-1").with(sanne()), get("/admin/read-audit").with(mila()),
                get("/admin/retention").with(mila()), get("/admin/retention.csv").with(sanne()))) {
            mvc.perform(page).andExpect(status().isForbidden()).andExpect(forwardedUrl("/forbidden"));
        }
        verifyNoInteractions(management, queries);
    }

    @Test
    void theAdministratorSeesTheChainVerification() throws Exception {
        given(management.verification()).willReturn(new Verification(true, 120, 3, Instant.parse("2026-11-22T10:00:00Z"),
                0, null, false, 0, List.of(), Instant.parse("2026-11-22T10:00:05Z")));

        mvc.perform(get("/admin/read-audit").with(signedIn("admin", "admin", null, null)))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("Controle van het leesregister",
                        "Het leesregister is intact.", "Vastgelegde inzages in de keten", "120",
                        "Nog niet in de keten opgenomen", "3", "Geen problemen gevonden.")));
    }

    @Test
    void theFamilysPageLoadsWhoReadItForAManagerOnly() throws Exception {
        given(queries.history("t-1")).willReturn(new TrajectoryHistory("t-1", null, List.of(
                new Entry(0, "FamilyReferred", TODAY.minusDays(30), Instant.parse("2026-10-23T08:00:00Z"), "admin",
                        Map.of("family", Map.of("name", "Familie Jansen", "district", "Escamp")), "1"))));

        mvc.perform(get("/trajectories/t-1").with(mila()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("hx-get=\"/audit/families/t-1/reads/recent\"")))
                .andExpect(content().string(containsString("href=\"/audit/families/t-1/reads\"")));
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/reads"))));
    }

    @Test
    void theLayoutOffersTheDashboardByRole() throws Exception {
        givenTheViews();
        mvc.perform(get("/dashboard").with(mila()))
                .andExpect(content().string(containsString("href=\"/dashboard\">Dashboard</a>")))
                .andExpect(content().string(not(containsString("href=\"/admin/read-audit\""))));
        mvc.perform(get("/signed-out"))
                .andExpect(content().string(not(containsString("href=\"/dashboard\">Dashboard</a>"))));
    }
}
