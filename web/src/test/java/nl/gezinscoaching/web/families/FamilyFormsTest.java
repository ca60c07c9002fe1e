package nl.gezinscoaching.web.families;

import org.mockito.ArgumentCaptor;
import nl.gezinscoaching.events.screening.Indication;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ScreeningRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.FamilyPlanRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ClosureRequest;
import java.util.Set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.stringContainsInOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AssignmentRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.CoordinationMeetingRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ExtensionRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.GoalEvaluationRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.GoalRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.HomeVisitRequest;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.PracticalSupportRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ProblemInventoryRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.SafetyAssessmentRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.WarmHandoverRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.PhoneContactRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.GoalRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AgencyReferralRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AftercareCallRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.AftercareEndRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.DeclineRequest;
import nl.gezinscoaching.events.aftercare.Wellbeing;
import nl.gezinscoaching.events.TextBounds;
import nl.gezinscoaching.events.contact.SupportKind;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.safety.SafetyVerdict;
import nl.gezinscoaching.platform.ClockAutoConfiguration;
import nl.gezinscoaching.web.SignedIn;
import nl.gezinscoaching.web.services.CommandRefusal;
import nl.gezinscoaching.web.services.CommandRefusal.FieldRefusal;
import nl.gezinscoaching.web.services.CommandService;
import nl.gezinscoaching.web.services.QueryService;
import nl.gezinscoaching.api.views.TrajectoryHistory;
import nl.gezinscoaching.api.views.TrajectoryHistory.Entry;
import nl.gezinscoaching.api.views.MyFamiliesView;
import nl.gezinscoaching.api.views.MyFamiliesView.WaitingFamily;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The action forms of a family's page: offered by the trajectory's state, bound to the shared-api records,
 * checked in the web and by the service, refusals shown next to their field with the typed values kept.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FamilyFormsTest {

    private static final LocalDate TODAY = LocalDate.now(ClockAutoConfiguration.AMSTERDAM);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    QueryService queries;

    @MockitoBean
    CommandService commands;

    private static OidcLoginRequestPostProcessor anna() {
        return SignedIn.coach("anna", "coach");
    }

    private static Entry entry(long sequence, String type, Map<String, Object> data) {
        return new Entry(sequence, type, TODAY.minusDays(10), Instant.now(), "sanne", data, "1");
    }

    private static TrajectoryHistory assigned() {
        return new TrajectoryHistory("t-1", null, List.of(
                entry(0, "FamilyReferred", Map.of("family", Map.of("name", "Familie Jansen", "district", "Escamp"))),
                entry(1, "CoachAssigned", Map.of()),
                entry(2, "FamilyReferredToAgency", Map.of("agencyReferralId", "r-1", "agency", "GGZ"))));
    }

    @Test
    void theFamilysPageOffersTheFormsItsStateAllowsWithLabelsBoundsAndAKey() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());

        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("Vastleggen", "Huisbezoek",
                        "action=\"/trajectories/t-1/home-visit\"", "name=\"idempotencyKey\"",
                        "<label for=\"home-visit-visitedOn\">Datum van het bezoek</label>",
                        "value=\"" + TODAY + "\"", "required", "max=\"" + TODAY + "\"",
                        "<label for=\"home-visit-durationMinutes\">Duur in minuten</label>",
                        "maxlength=\"" + TextBounds.FREE_TEXT + "\"", "Warme overdracht", "GGZ", "Afsluiting")))
                .andExpect(content().string(not(containsString("Gezinsplan vastleggen"))))
                .andExpect(content().string(not(containsString("Nazorggesprek vastleggen"))))
                .andExpect(content().string(not(containsString("??"))));
    }

    @Test
    void aRecordedHomeVisitIsPostedAsTheSharedRecordWithItsKeyAndRedirectsBackWithAMessage() throws Exception {
        mvc.perform(post("/trajectories/t-1/home-visit").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-1").param("visitedOn", TODAY.toString())
                        .param("durationMinutes", "45").param("interpreterUsed", "true").param("summary", "Goed gesprek"))
                .andExpect(redirectedUrl("/trajectories/t-1"))
                .andExpect(flash().attribute("recorded", "home-visit"));

        verify(commands).record(eq("/api/trajectories/{id}/home-visits"),
                eq(new HomeVisitRequest(TODAY, 45, true, "Goed gesprek")), eq("k-1"), eq("t-1"), any());
    }

    @Test
    void aFieldLeftEmptyIsRefusedInTheWebNextToItsFieldKeepingWhatWasTyped() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());

        mvc.perform(post("/trajectories/t-1/home-visit").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-1").param("visitedOn", TODAY.toString())
                        .param("durationMinutes", "").param("interpreterUsed", "false").param("summary", "Mijn notitie"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("home-visit-durationMinutes",
                        "aria-invalid=\"true\"", "id=\"home-visit-durationMinutes-error\"", "Vul dit veld in.",
                        "Mijn notitie")));
        verify(commands, never()).record(anyString(), any(), any(), any(), any());
    }

    @Test
    void theServicesRefusalIsShownInDutchNextToItsFieldKeepingWhatWasTyped() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        willThrow(new CommandRefusal(null, List.of(new FieldRefusal("visitedOn", "not-in-future"))))
                .given(commands).record(anyString(), any(), any(), any(), any());

        mvc.perform(post("/trajectories/t-1/home-visit").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-1").param("visitedOn", TODAY.plusDays(3).toString())
                        .param("durationMinutes", "50").param("interpreterUsed", "false").param("summary", "Mijn notitie"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("value=\"" + TODAY.plusDays(3) + "\"",
                        "Deze datum mag niet in de toekomst liggen.", "value=\"50\"", "Mijn notitie")));
    }

    @Test
    void aServiceTooBusyToRecordSaysSoInDutchKeepingWhatWasTyped() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        willThrow(new CommandRefusal("overloaded", List.of()))
                .given(commands).record(anyString(), any(), any(), any(), any());

        mvc.perform(post("/trajectories/t-1/home-visit").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-1").param("visitedOn", TODAY.minusDays(1).toString())
                        .param("durationMinutes", "50").param("interpreterUsed", "false").param("summary", "Mijn notitie"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("role=\"alert\"",
                        "Het is nu te druk om dit vast te leggen; er is niets vastgelegd.",
                        "value=\"" + TODAY.minusDays(1) + "\"", "value=\"50\"", "Mijn notitie")));
    }

    @Test
    void aStateConflictIsShownAtTheTopOfItsForm() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        willThrow(new CommandRefusal("warm-handover-already-done", List.of()))
                .given(commands).record(anyString(), any(), any(), any(), any());

        mvc.perform(post("/trajectories/t-1/warm-handover").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-2").param("agencyReferralId", "r-1")
                        .param("handedOverOn", TODAY.toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("role=\"alert\"",
                        "De warme overdracht is al vastgelegd.")));
        verify(commands).record(eq("/api/trajectories/{id}/agency-referrals/{ref}/warm-handover"),
                eq(new WarmHandoverRequest(TODAY)), eq("k-2"), eq("t-1"), eq("r-1"));
    }

    @Test
    void aClosedTrajectoryOffersOnlyAftercare() throws Exception {
        given(queries.history("t-1")).willReturn(new TrajectoryHistory("t-1", null, List.of(
                entry(0, "FamilyReferred", Map.of()), entry(1, "CoachAssigned", Map.of()),
                entry(2, "TrajectoryClosed", Map.of()))));

        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("Nazorggesprek vastleggen", "Nazorg beëindigen")))
                .andExpect(content().string(not(containsString("Huisbezoek vastleggen"))));
    }

    @Test
    void aSeniorCoachAssignsAWaitingFamilyFromHerListAndAnUnknownCoachIsShownInTheForm() throws Exception {
        OidcLoginRequestPostProcessor sanne = senior();
        given(queries.myFamilies()).willReturn(new MyFamiliesView(TODAY, List.of(), List.of(),
                List.of(new WaitingFamily("t-9", "Familie Yilmaz", "Laak", TODAY.minusDays(6), 6))));

        mvc.perform(get("/").with(sanne))
                .andExpect(content().string(stringContainsInOrder("Wachtlijst", "Familie Yilmaz toewijzen",
                        "action=\"/trajectories/t-9/assignment\"", "name=\"idempotencyKey\"",
                        "<label for=\"assignment-t-9-coachId\">Coach (gebruikersnaam)</label>",
                        "value=\"" + TODAY + "\"")));

        mvc.perform(post("/trajectories/t-9/assignment").with(sanne).with(csrf()).param("idempotencyKey", "k-9")
                        .param("coachId", "anna").param("assignedOn", TODAY.toString()))
                .andExpect(redirectedUrl("/"))
                .andExpect(flash().attribute("recorded", "assignment"));
        verify(commands).record(eq("/api/trajectories/{id}/assignment"), eq(new AssignmentRequest("anna", TODAY)),
                eq("k-9"), eq("t-9"));

        willThrow(new CommandRefusal("unknown-coach", List.of()))
                .given(commands).record(anyString(), any(), any(), any());
        mvc.perform(post("/trajectories/t-9/assignment").with(sanne).with(csrf()).param("idempotencyKey", "k-10")
                        .param("coachId", "anne").param("assignedOn", TODAY.toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("Er is geen coach met deze gebruikersnaam.",
                        "value=\"anne\"")));
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/trajectories/t-1/home-visit").with(anna()).param("visitedOn", TODAY.toString()))
                .andExpect(status().isForbidden());
        verify(commands, never()).record(anyString(), any(), any(), any(), any());
    }

    @Test
    void practicalSupportIsOfferedLabelledAndPostedAsTheSharedRecord() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("Praktische ondersteuning",
                        "action=\"/trajectories/t-1/practical-support\"",
                        "<label for=\"practical-support-givenOn\">Datum van de ondersteuning</label>",
                        "<label for=\"practical-support-kind\">Soort ondersteuning</label>",
                        "Meegaan naar een afspraak",
                        "<label for=\"practical-support-durationMinutes\">Duur in minuten</label>",
                        "<label for=\"practical-support-notes\">Notities (optioneel)</label>",
                        "maxlength=\"" + TextBounds.FREE_TEXT + "\"")));

        mvc.perform(post("/trajectories/t-1/practical-support").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-2").param("givenOn", TODAY.toString())
                        .param("kind", "ADMINISTRATION").param("durationMinutes", "30").param("notes", "Formulieren"))
                .andExpect(redirectedUrl("/trajectories/t-1"))
                .andExpect(flash().attribute("recorded", "practical-support"));

        verify(commands).record(eq("/api/trajectories/{id}/practical-support"),
                eq(new PracticalSupportRequest(TODAY, SupportKind.ADMINISTRATION, 30, "Formulieren")), eq("k-2"),
                eq("t-1"), any());
    }

    @Test
    void practicalSupportWithoutAKindIsRefusedNextToTheKindField() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());

        mvc.perform(post("/trajectories/t-1/practical-support").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-2").param("givenOn", TODAY.toString())
                        .param("kind", "").param("durationMinutes", "30").param("notes", "Mijn notitie"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("practical-support-kind", "aria-invalid=\"true\"",
                        "id=\"practical-support-kind-error\"", "Vul dit veld in.", "value=\"30\"", "Mijn notitie")));
        verify(commands, never()).record(anyString(), any(), any(), any(), any());
    }

    @Test
    void aSafetyAssessmentIsOfferedLabelledAndPostedAsTheSharedRecord() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("Veiligheidsinschatting",
                        "action=\"/trajectories/t-1/safety-assessment\"",
                        "<label for=\"safety-assessment-assessedOn\">Datum van de inschatting</label>",
                        "<label for=\"safety-assessment-verdict\">Oordeel over de veiligheid</label>", "Onveilig",
                        "<legend>Gemeld bij Veilig Thuis?</legend>",
                        "<label for=\"safety-assessment-notes\">Notities (optioneel)</label>")));

        mvc.perform(post("/trajectories/t-1/safety-assessment").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-3").param("assessedOn", TODAY.toString())
                        .param("verdict", "CONCERNS").param("reportedToVeiligThuis", "true").param("notes", "Overleg"))
                .andExpect(redirectedUrl("/trajectories/t-1"))
                .andExpect(flash().attribute("recorded", "safety-assessment"));

        verify(commands).record(eq("/api/trajectories/{id}/safety-assessments"),
                eq(new SafetyAssessmentRequest(TODAY, SafetyVerdict.CONCERNS, true, "Overleg")), eq("k-3"),
                eq("t-1"), any());
    }

    @Test
    void aSafetyAssessmentWithAnUnknownVerdictIsRefusedNextToTheVerdictField() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());

        mvc.perform(post("/trajectories/t-1/safety-assessment").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-3").param("assessedOn", TODAY.toString())
                        .param("verdict", "MAYBE").param("reportedToVeiligThuis", "false").param("notes", "Mijn notitie"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("safety-assessment-verdict", "aria-invalid=\"true\"",
                        "id=\"safety-assessment-verdict-error\"", "Deze waarde klopt niet.", "Mijn notitie")));
        verify(commands, never()).record(anyString(), any(), any(), any(), any());
    }

    private static TrajectoryHistory withGoals() {
        return new TrajectoryHistory("t-1", null, List.of(
                entry(0, "FamilyReferred", Map.of("family", Map.of("name", "Familie Jansen", "district", "Escamp"))),
                entry(1, "CoachAssigned", Map.of()),
                entry(2, "GoalSet", Map.of("goalId", "g-1", "description", "Schulden op orde")),
                entry(3, "GoalSet", Map.of("goalId", "g-2", "description", "Werk vinden")),
                entry(4, "GoalEvaluated", Map.of("goalId", "g-1"))));
    }

    @Test
    void aGoalEvaluationOffersTheGoalsNotYetEvaluatedAndPostsTheAttainmentForTheChosenGoal() throws Exception {
        given(queries.history("t-1")).willReturn(withGoals());
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("Evaluatie van een doel",
                        "action=\"/trajectories/t-1/goal-evaluation\"",
                        "<label for=\"goal-evaluation-goalId\">Doel</label>", "value=\"g-2\"", "Werk vinden",
                        "<label for=\"goal-evaluation-attainment\">In hoeverre is het doel bereikt?</label>",
                        "Gedeeltelijk bereikt",
                        "<label for=\"goal-evaluation-evaluatedOn\">Datum van de evaluatie</label>")))
                .andExpect(content().string(not(containsString("value=\"g-1\""))))
                .andExpect(content().string(not(containsString("??"))));

        mvc.perform(post("/trajectories/t-1/goal-evaluation").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-4").param("goalId", "g-2").param("attainment", "PARTLY")
                        .param("evaluatedOn", TODAY.toString()))
                .andExpect(redirectedUrl("/trajectories/t-1"))
                .andExpect(flash().attribute("recorded", "goal-evaluation"));

        verify(commands).record(eq("/api/trajectories/{id}/goals/{goal}/evaluation"),
                eq(new GoalEvaluationRequest(GoalAttainment.PARTLY, TODAY)), eq("k-4"), eq("t-1"), eq("g-2"));
    }

    @Test
    void aGoalEvaluationWithoutAnAttainmentIsRefusedNextToItsFieldKeepingTheChosenGoal() throws Exception {
        given(queries.history("t-1")).willReturn(withGoals());

        mvc.perform(post("/trajectories/t-1/goal-evaluation").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-4").param("goalId", "g-2").param("attainment", "")
                        .param("evaluatedOn", TODAY.toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("value=\"g-2\"", "selected=\"selected\">Werk vinden",
                        "goal-evaluation-attainment", "aria-invalid=\"true\"",
                        "id=\"goal-evaluation-attainment-error\"", "Vul dit veld in.")));
        verify(commands, never()).record(anyString(), any(), any(), any(), any());
    }

    @Test
    void aGoalEvaluationWithoutAGoalIsRefusedNextToTheGoalField() throws Exception {
        given(queries.history("t-1")).willReturn(withGoals());

        mvc.perform(post("/trajectories/t-1/goal-evaluation").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-4").param("attainment", "FULLY")
                        .param("evaluatedOn", TODAY.toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("id=\"goal-evaluation-goalId\"",
                        "aria-invalid=\"true\"", "id=\"goal-evaluation-goalId-error\"", "Vul dit veld in.")));
        verify(commands, never()).record(anyString(), any(), any(), any(), any());
    }

    @Test
    void aProblemInventoryOffersEachLifeDomainAsALabelledCheckboxAndPostsTheChosenSet() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("Inventarisatie van problemen",
                        "action=\"/trajectories/t-1/problem-inventory\"",
                        "<label for=\"problem-inventory-inventoriedOn\">Datum van de inventarisatie</label>",
                        "<legend>Op welke leefgebieden spelen problemen?</legend>",
                        "type=\"checkbox\" id=\"problem-inventory-problemDomains-HOUSING\"",
                        "<label for=\"problem-inventory-problemDomains-HOUSING\">Wonen</label>",
                        "<label for=\"problem-inventory-problemDomains-POLICE_AND_JUSTICE\">Politie en justitie</label>",
                        "<label for=\"problem-inventory-notes\">Notities (optioneel)</label>")));

        mvc.perform(post("/trajectories/t-1/problem-inventory").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-5").param("inventoriedOn", TODAY.toString())
                        .param("problemDomains", "HOUSING", "FINANCES").param("notes", "Schulden"))
                .andExpect(redirectedUrl("/trajectories/t-1"))
                .andExpect(flash().attribute("recorded", "problem-inventory"));

        verify(commands).record(eq("/api/trajectories/{id}/problem-inventory"),
                eq(new ProblemInventoryRequest(TODAY, java.util.Set.of(LifeDomain.HOUSING, LifeDomain.FINANCES),
                        "Schulden")), eq("k-5"), eq("t-1"), any());
    }

    @Test
    void aGoalOffersTheNineSubgoalsAsLabelledCheckboxesAndPostsTheChosenOnes() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("action=\"/trajectories/t-1/goal\"",
                        "<legend>Aan welke subdoelen van Coach je kind draagt dit doel bij? (optioneel)</legend>",
                        "type=\"checkbox\" id=\"goal-subgoals-KNOWS_DUTCH_PARENTING_NORMS\"",
                        "<label for=\"goal-subgoals-KNOWS_DUTCH_PARENTING_NORMS\">1. Kent Nederlandse opvoednormen en voorzieningen</label>",
                        "<label for=\"goal-subgoals-KEEPS_PARENTING_NETWORK\">9. Houdt contact met een netwerk rond de opvoeding</label>")));

        mvc.perform(post("/trajectories/t-1/goal").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-7").param("description", "Samen opvoeden").param("lifeDomain", "PARENTING")
                        .param("subgoals", "BOTH_PARENTS_CONTRIBUTE", "OWN_PARENTING_STYLE").param("setOn", TODAY.toString()))
                .andExpect(redirectedUrl("/trajectories/t-1"));
        verify(commands).record(eq("/api/trajectories/{id}/goals"), eq(new GoalRequest("Samen opvoeden",
                LifeDomain.PARENTING, TODAY, java.util.List.of(Subgoal.BOTH_PARENTS_CONTRIBUTE, Subgoal.OWN_PARENTING_STYLE))),
                eq("k-7"), eq("t-1"), any());
    }

    @Test
    void aHomeVisitOffersWhereItTookPlaceAndPostsIt() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("action=\"/trajectories/t-1/home-visit\"",
                        "<label for=\"home-visit-location\">Waar vond het contact plaats? (zonder keuze: thuis)</label>",
                        "<option value=\"HOME\">Thuis</option>", "<option value=\"VIDEO\">Via video</option>")));

        mvc.perform(post("/trajectories/t-1/home-visit").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-8").param("visitedOn", TODAY.toString()).param("durationMinutes", "30")
                        .param("interpreterUsed", "false").param("location", "SCHOOL"))
                .andExpect(redirectedUrl("/trajectories/t-1"));
        verify(commands).record(eq("/api/trajectories/{id}/home-visits"),
                eq(new HomeVisitRequest(TODAY, 30, false, null, VisitLocation.SCHOOL)), eq("k-8"), eq("t-1"), any());
    }

    @Test
    void aProblemInventoryWithoutADomainIsRefusedNextToTheDomainsAndAnUnknownDomainKeepsTheOthersChecked()
            throws Exception {
        given(queries.history("t-1")).willReturn(assigned());

        mvc.perform(post("/trajectories/t-1/problem-inventory").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-5").param("inventoriedOn", TODAY.toString())
                        .param("notes", "Mijn notitie"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("aria-invalid=\"true\"",
                        "aria-describedby=\"problem-inventory-problemDomains-error\"",
                        "<legend>Op welke leefgebieden spelen problemen?</legend>",
                        "id=\"problem-inventory-problemDomains-error\"", "Vul dit veld in.", "Mijn notitie")));

        mvc.perform(post("/trajectories/t-1/problem-inventory").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-5").param("inventoriedOn", TODAY.toString())
                        .param("problemDomains", "FINANCES", "GARDENING"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("value=\"FINANCES\" checked=\"checked\"",
                        "id=\"problem-inventory-problemDomains-error\"", "Deze waarde klopt niet.")));
        verify(commands, never()).record(anyString(), any(), any(), any(), any());
    }

    @Test
    void aCoordinationMeetingTakesItsAgenciesAsOneCommaSeparatedTextAndPostsThemAsAList() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("Afstemmingsoverleg",
                        "action=\"/trajectories/t-1/coordination-meeting\"",
                        "<label for=\"coordination-meeting-heldOn\">Datum van het overleg</label>",
                        "<label for=\"coordination-meeting-agencies\">Deelnemende instanties (gescheiden door komma",
                        "maxlength=\"" + TextBounds.LIST_ITEMS * (TextBounds.NAME + 2) + "\"",
                        "<legend>Waren de ouders erbij?</legend>",
                        "<label for=\"coordination-meeting-notes\">Notities (optioneel)</label>")));

        mvc.perform(post("/trajectories/t-1/coordination-meeting").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-6").param("heldOn", TODAY.toString())
                        .param("agencies", "GGZ, Schuldhulp").param("parentsPresent", "true").param("notes", "Afspraken"))
                .andExpect(redirectedUrl("/trajectories/t-1"))
                .andExpect(flash().attribute("recorded", "coordination-meeting"));

        verify(commands).record(eq("/api/trajectories/{id}/coordination-meetings"),
                eq(new CoordinationMeetingRequest(TODAY, List.of("GGZ", "Schuldhulp"), true, "Afspraken")), eq("k-6"),
                eq("t-1"), any());
    }

    @Test
    void aCoordinationMeetingWithoutAgenciesOrWithTooManyIsRefusedNextToTheAgenciesField() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());

        mvc.perform(post("/trajectories/t-1/coordination-meeting").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-6").param("heldOn", TODAY.toString())
                        .param("agencies", "").param("parentsPresent", "false").param("notes", "Mijn notitie"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("coordination-meeting-agencies",
                        "aria-invalid=\"true\"", "id=\"coordination-meeting-agencies-error\"", "Vul dit veld in.",
                        "Mijn notitie")));

        String tooMany = String.join(", ", java.util.Collections.nCopies(TextBounds.LIST_ITEMS + 1, "GGZ"));
        mvc.perform(post("/trajectories/t-1/coordination-meeting").with(anna()).with(csrf())
                        .param("idempotencyKey", "k-6").param("heldOn", TODAY.toString())
                        .param("agencies", tooMany).param("parentsPresent", "false"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("id=\"coordination-meeting-agencies-error\"",
                        "Dit zijn te veel keuzes.")));
        verify(commands, never()).record(anyString(), any(), any(), any(), any());
    }

    private static OidcLoginRequestPostProcessor senior() {
        return SignedIn.coach("sanne", "senior_coach");
    }

    @Test
    void anExtensionIsOfferedToASeniorCoachOnlyLabelledWithItsBoundsAndPostedAsTheSharedRecord() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(not(containsString("/trajectories/t-1/extension"))));
        mvc.perform(get("/trajectories/t-1").with(senior()))
                .andExpect(content().string(stringContainsInOrder("Verlenging",
                        "action=\"/trajectories/t-1/extension\"",
                        "<label for=\"extension-grantedOn\">Datum van de verlenging</label>",
                        "<label for=\"extension-months\">Aantal maanden (1-12)</label>", "min=\"1\"", "max=\"12\"",
                        "<label for=\"extension-reason\">Reden van de verlenging</label>",
                        "maxlength=\"" + TextBounds.FREE_TEXT + "\"",
                        "<label for=\"closure-reason\">Reden van afsluiting</label>")))
                .andExpect(content().string(not(containsString("??"))));

        mvc.perform(post("/trajectories/t-1/extension").with(senior()).with(csrf())
                        .param("idempotencyKey", "k-7").param("grantedOn", TODAY.toString())
                        .param("months", "3").param("reason", "Schulden nog niet op orde"))
                .andExpect(redirectedUrl("/trajectories/t-1"))
                .andExpect(flash().attribute("recorded", "extension"));

        verify(commands).record(eq("/api/trajectories/{id}/extensions"),
                eq(new ExtensionRequest(TODAY, 3, "Schulden nog niet op orde")), eq("k-7"), eq("t-1"), any());
    }

    @Test
    void anExtensionWithoutAReasonIsRefusedInTheWebAndTooManyMonthsByTheServiceNextToTheirFields() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());

        mvc.perform(post("/trajectories/t-1/extension").with(senior()).with(csrf())
                        .param("idempotencyKey", "k-7").param("grantedOn", TODAY.toString())
                        .param("months", "3").param("reason", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("extension-reason", "aria-invalid=\"true\"",
                        "id=\"extension-reason-error\"", "Vul dit veld in.")));
        verify(commands, never()).record(anyString(), any(), any(), any(), any());

        willThrow(new CommandRefusal(null, List.of(new FieldRefusal("months", "between-1-and-12"))))
                .given(commands).record(anyString(), any(), any(), any(), any());
        mvc.perform(post("/trajectories/t-1/extension").with(senior()).with(csrf())
                        .param("idempotencyKey", "k-7").param("grantedOn", TODAY.toString())
                        .param("months", "13").param("reason", "Mijn reden"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("value=\"13\"", "id=\"extension-months-error\"",
                        "Geef 1 tot en met 12 maanden.", "Mijn reden")));
    }

    @Test
    void aLongTimelineShowsItsNewestEventsAndTheWholeTimelineOnRequest() throws Exception {
        List<Entry> events = new java.util.ArrayList<>(List.of(
                entry(0, "FamilyReferred", Map.of("family", Map.of("name", "Familie Jansen"))),
                entry(1, "CoachAssigned", Map.of())));
        for (long visit = 2; visit < 120; visit++) {
            events.add(new Entry(visit, "HomeVisitHeld", TODAY.minusDays(200 - visit), Instant.now(), "sanne",
                    Map.of("visitId", "v-" + visit), "2"));
        }
        given(queries.history("t-1")).willReturn(new TrajectoryHistory("t-1", null, events));
        String newest = "datetime=\"" + TODAY.minusDays(200 - 119) + "\"";
        String oldest = "datetime=\"" + TODAY.minusDays(200 - 2) + "\"";

        String page = mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("De 50 nieuwste van 120 gebeurtenissen.",
                        "href=\"/trajectories/t-1?tijdlijn=alles#timeline-heading\"", "Toon de hele tijdlijn")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(newest).doesNotContain(oldest);
        assertThat(page.split("<li>", -1).length - 1).as("list items on the page").isLessThan(70);

        mvc.perform(get("/trajectories/t-1").param("tijdlijn", "alles").with(anna()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder(oldest, newest)))
                .andExpect(content().string(not(containsString("nieuwste van"))));
    }

    @Test
    void theOverviewShowsThePlannedEndTheGoalsWithTheirLatestAttainmentAndTheAgencyWaits() throws Exception {
        given(queries.history("t-1")).willReturn(new TrajectoryHistory("t-1", TODAY.plusMonths(2), List.of(
                entry(0, "FamilyReferred", Map.of("family", Map.of("name", "Familie Jansen"))),
                entry(1, "CoachAssigned", Map.of()),
                entry(2, "GoalSet", Map.of("goalId", "g-1", "description", "Huur op tijd betaald", "lifeDomain", "FINANCES")),
                entry(3, "GoalEvaluated", Map.of("goalId", "g-1", "attainment", "PARTLY")),
                entry(4, "GoalSet", Map.of("goalId", "g-2", "description", "Naar school", "lifeDomain", "PARENTING")),
                entry(5, "FamilyReferredToAgency", Map.of("agencyReferralId", "r-1", "agency", "GGZ")))));

        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("Overzicht", "Geplande einddatum",
                        "Huur op tijd betaald", "Financiën", "Gedeeltelijk bereikt", "Naar school", "Opvoeding",
                        "Nog niet beoordeeld", "Wacht op een instantie", "GGZ: wacht 10 dagen")))
                .andExpect(content().string(not(containsString("??"))));
    }

    @Test
    void theClosurePostsTheAttainmentOfEachGoalNotYetEvaluatedAndLeavesOutTheUnassessed() throws Exception {
        given(queries.history("t-1")).willReturn(new TrajectoryHistory("t-1", null, List.of(
                entry(0, "FamilyReferred", Map.of()), entry(1, "CoachAssigned", Map.of()),
                entry(2, "GoalSet", Map.of("goalId", "g-1", "description", "Huur op tijd betaald")),
                entry(3, "GoalSet", Map.of("goalId", "g-2", "description", "Naar school")))));
        mvc.perform(get("/trajectories/t-1").with(anna()))
                .andExpect(content().string(stringContainsInOrder("In hoeverre zijn de doelen bereikt?",
                        "Huur op tijd betaald", "name=\"goalAttainments[g-1]\"", "Niet beoordeeld", "Naar school",
                        "name=\"goalAttainments[g-2]\"")));

        mvc.perform(post("/trajectories/t-1/closure").with(anna()).with(csrf()).param("idempotencyKey", "k-c")
                        .param("closedOn", TODAY.toString()).param("reason", "FAMILY_IN_CONTROL")
                        .param("clientSatisfaction", "8").param("referrerSatisfaction", "")
                        .param("closingLetterLanguage", "nl")
                        .param("goalAttainments[g-1]", "FULLY").param("goalAttainments[g-2]", ""))
                .andExpect(redirectedUrl("/trajectories/t-1"));
        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(commands).record(eq("/api/trajectories/{id}/closure"), body.capture(), eq("k-c"), eq("t-1"), any());
        ClosureRequest closure = (ClosureRequest) body.getValue();
        assertThat(closure.goalAttainments()).containsEntry("g-1", GoalAttainment.FULLY);
        assertThat(closure.goalAttainments().get("g-2")).isNull();
        assertThat(closure.clientSatisfaction()).isEqualTo(8);
    }

    @Test
    void theFamilyPlanAsksForTheCosigningAgencies() throws Exception {
        given(queries.history("t-1")).willReturn(new TrajectoryHistory("t-1", null, List.of(
                entry(0, "FamilyReferred", Map.of()), entry(1, "CoachAssigned", Map.of()),
                entry(2, "GoalSet", Map.of("goalId", "g-1", "description", "Huur")))));
        mvc.perform(post("/trajectories/t-1/family-plan").with(anna()).with(csrf()).param("idempotencyKey", "k-p")
                        .param("agreedOn", TODAY.toString()).param("cosigningAgencies", "GGZ, Schuldhulp"))
                .andExpect(redirectedUrl("/trajectories/t-1"));
        verify(commands).record(eq("/api/trajectories/{id}/family-plan"),
                eq(new FamilyPlanRequest(TODAY, List.of("GGZ", "Schuldhulp"))), eq("k-p"), eq("t-1"), any());
    }

    @Test
    void aSeniorCoachScreensAWaitingFamilyAndAContraIndicationIsConfirmedFirst() throws Exception {
        given(queries.history("t-9")).willReturn(new TrajectoryHistory("t-9", null, List.of(
                entry(0, "FamilyReferred", Map.of("family", Map.of("name", "Familie Yilmaz"))))));
        mvc.perform(get("/trajectories/t-9").with(senior()))
                .andExpect(content().string(stringContainsInOrder("Het gezin wacht op een coach.",
                        "Selectieformulier Coach je kind", "action=\"/trajectories/t-9/screening\"",
                        "Het gezin heeft een migratieachtergrond", "Er is sprake van suïcidaliteit bij het kind",
                        "Aanmelding afwijzen")))
                .andExpect(content().string(not(containsString("Huisbezoek vastleggen"))));
        mvc.perform(get("/trajectories/t-9").with(anna()))
                .andExpect(content().string(not(containsString("Screening vastleggen"))));

        mvc.perform(post("/trajectories/t-9/screening").with(senior()).with(csrf()).param("idempotencyKey", "k-s")
                        .param("screenedOn", TODAY.toString()).param("indications", "PARENTING_STRESS")
                        .param("contraIndications", "SUICIDALITY").param("overrideReason", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("name=\"idempotencyKey\" value=\"k-s\"",
                        "role=\"alert\"", "Bevestig de afwijzing", "name=\"confirmDecline\"")));
        verify(commands, never()).record(anyString(), any(), any(), any(), any());

        mvc.perform(post("/trajectories/t-9/screening").with(senior()).with(csrf()).param("idempotencyKey", "k-s")
                        .param("screenedOn", TODAY.toString()).param("indications", "PARENTING_STRESS")
                        .param("contraIndications", "SUICIDALITY").param("overrideReason", "")
                        .param("confirmDecline", "true"))
                .andExpect(redirectedUrl("/"))
                .andExpect(flash().attribute("recorded", "referral-declined"));
        verify(commands).record(eq("/api/trajectories/{id}/screening"),
                eq(new ScreeningRequest(TODAY, Set.of(Indication.PARENTING_STRESS), Set.of(ContraIndication.SUICIDALITY),
                        null)), eq("k-s"), eq("t-9"), any());
    }

    @Test
    void aManagerReadsTheFamilysPageWithoutForms() throws Exception {
        given(queries.history("t-1")).willReturn(assigned());
        OidcLoginRequestPostProcessor manager = SignedIn.as("mila", "manager", null, null);
        mvc.perform(get("/trajectories/t-1").with(manager))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Tijdlijn")))
                .andExpect(content().string(not(containsString("name=\"idempotencyKey\""))));
    }

    /** One form: its slug, the fields posted, the record the service must get, and a required field to leave out. */
    private record FormCase(String slug, String endpoint, Map<String, String> fields, Object expected,
                            String requiredField) {
    }

    @Test
    void theRemainingFormsPostTheirSharedRecordAndRefuseAMissingRequiredFieldInTheWeb() throws Exception {
        TrajectoryHistory closed = new TrajectoryHistory("t-1", null, List.of(entry(0, "FamilyReferred", Map.of()),
                entry(1, "CoachAssigned", Map.of()), entry(2, "TrajectoryClosed", Map.of())));
        TrajectoryHistory waiting = new TrajectoryHistory("t-1", null, List.of(entry(0, "FamilyReferred", Map.of())));
        List<FormCase> cases = List.of(
                new FormCase("phone-contact", "/api/trajectories/{id}/phone-contacts",
                        Map.of("contactedOn", TODAY.toString(), "durationMinutes", "10", "summary", "kort"),
                        new PhoneContactRequest(TODAY, 10, "kort"), "durationMinutes"),
                new FormCase("goal", "/api/trajectories/{id}/goals",
                        Map.of("description", "Huur betaald", "lifeDomain", "FINANCES", "setOn", TODAY.toString()),
                        new GoalRequest("Huur betaald", LifeDomain.FINANCES, TODAY), "description"),
                new FormCase("agency-referral", "/api/trajectories/{id}/agency-referrals",
                        Map.of("agency", "GGZ", "referredOn", TODAY.toString()),
                        new AgencyReferralRequest("GGZ", TODAY), "agency"),
                new FormCase("aftercare-call", "/api/trajectories/{id}/aftercare-calls",
                        Map.of("calledOn", TODAY.toString(), "wellbeing", "STABLE", "notes", ""),
                        new AftercareCallRequest(TODAY, Wellbeing.STABLE, ""), "wellbeing"),
                new FormCase("aftercare-end", "/api/trajectories/{id}/aftercare-end",
                        Map.of("endedOn", TODAY.toString()), new AftercareEndRequest(TODAY), "endedOn"),
                new FormCase("decline", "/api/trajectories/{id}/decline",
                        Map.of("declinedOn", TODAY.toString(), "reason", "verhuisd"),
                        new DeclineRequest(TODAY, "verhuisd"), "reason"));
        for (FormCase form : cases) {
            boolean aftercare = form.slug().startsWith("aftercare");
            boolean triage = form.slug().equals("decline");
            given(queries.history("t-1")).willReturn(aftercare ? closed : triage ? waiting : assigned());
            OidcLoginRequestPostProcessor user = triage ? senior() : anna();

            var valid = post("/trajectories/t-1/" + form.slug()).with(user).with(csrf()).param("idempotencyKey", "k-" + form.slug());
            form.fields().forEach(valid::param);
            mvc.perform(valid).andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("recorded", triage ? "referral-declined" : form.slug()));
            verify(commands).record(eq(form.endpoint()), eq(form.expected()), eq("k-" + form.slug()), eq("t-1"), any());

            var missing = post("/trajectories/t-1/" + form.slug()).with(user).with(csrf()).param("idempotencyKey", "k-2");
            form.fields().forEach((name, value) -> missing.param(name, name.equals(form.requiredField()) ? "" : value));
            mvc.perform(missing).andExpect(status().isOk())
                    .andExpect(content().string(stringContainsInOrder(
                            "id=\"" + form.slug() + "-" + form.requiredField() + "-error\"", "Vul dit veld in.")));
            verify(commands, never()).record(eq(form.endpoint()), any(), eq("k-2"), any(), any());
        }
    }
}
