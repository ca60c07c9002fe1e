package nl.gezinscoaching.web.families;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.stringContainsInOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ChildForm;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.FamilyForm;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ReferralRequest;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ReferrerForm;
import nl.gezinscoaching.api.trajectory.TrajectoryRequests.ScreeningRequest;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.Indication;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.platform.ClockAutoConfiguration;
import nl.gezinscoaching.web.SignedIn;
import nl.gezinscoaching.web.services.CommandRefusal;
import nl.gezinscoaching.web.services.CommandRefusal.FieldRefusal;
import nl.gezinscoaching.web.services.CommandService;
import nl.gezinscoaching.web.services.QueryService;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The intake page: the referral and the selection form, bound to the shared records and posted as one
 * request; refusals (the web's and the service's) next to their field with everything typed kept; a decline by
 * contra-indication only after confirming it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReferralIntakeTest {

    private static final LocalDate TODAY = LocalDate.now(ClockAutoConfiguration.AMSTERDAM);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    QueryService queries;

    @MockitoBean
    CommandService commands;

    private static OidcLoginRequestPostProcessor user(String name, String role) {
        return SignedIn.coach(name, role);
    }

    private static OidcLoginRequestPostProcessor sanne() {
        return user("sanne", "senior_coach");
    }

    /**
     * A complete intake: two children typed in rows 0 and 2 (row 1 left empty), no contra-indication;
     * {@code changes} (name, value pairs) replace or add fields.
     */
    private static MockHttpServletRequestBuilder intake(String... changes) {
        Map<String, String[]> fields = new LinkedHashMap<>();
        fields.put("idempotencyKey", new String[] {"k-1"});
        fields.put("family.name", new String[] {"Familie Yilmaz"});
        fields.put("family.reference", new String[] {""});
        fields.put("family.district", new String[] {"Laak"});
        fields.put("family.language", new String[] {"tr"});
        fields.put("family.interpreterNeeded", new String[] {"true"});
        fields.put("family.migrationGeneration", new String[] {"FIRST"});
        fields.put("children[0].name", new String[] {"Elif"});
        fields.put("children[0].birthDate", new String[] {"2016-04-02"});
        fields.put("children[1].name", new String[] {""});
        fields.put("children[1].birthDate", new String[] {""});
        fields.put("children[2].name", new String[] {"Can"});
        fields.put("children[2].birthDate", new String[] {"2019-09-12"});
        fields.put("referrer.name", new String[] {"dr. Bakker"});
        fields.put("referrer.organisation", new String[] {"JGZ Laak"});
        fields.put("reasons", new String[] {"NOT_REACHING_HELP", "CARE_COORDINATION"});
        fields.put("receivedOn", new String[] {TODAY.minusDays(2).toString()});
        fields.put("newHelpQuestion", new String[] {"false"});
        fields.put("screening.screenedOn", new String[] {TODAY.toString()});
        fields.put("screening.indications", new String[] {"MIGRATION_BACKGROUND", "PARENTING_STRESS"});
        fields.put("screening.overrideReason", new String[] {""});
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], new String[] {changes[i + 1]});
        }
        MockHttpServletRequestBuilder request = post("/referrals").with(csrf());
        fields.forEach(request::param);
        return request;
    }

    @Test
    void theIntakePageOffersTheReferralAndTheSelectionFormWithLabelsAndDefaults() throws Exception {
        String page = mvc.perform(get("/referrals/new").with(sanne()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("Nieuwe aanmelding", "name=\"idempotencyKey\"",
                        "<label for=\"referral-family.name\">Naam van het gezin</label>",
                        "<label for=\"referral-children[0].name\">Naam van kind 1</label>",
                        "Geboortedatum van kind 3", "Reden van aanmelding", "Zorgen over de veiligheid van een kind",
                        "value=\"" + TODAY + "\"", "Selectieformulier Coach je kind",
                        "Het gezin heeft een migratieachtergrond", "Er is sprake van suïcidaliteit bij het kind",
                        "Aanmelding vastleggen")))
                .andExpect(content().string(not(containsString("??"))))
                .andReturn().getResponse().getContentAsString();
        for (Indication indication : Indication.values()) {
            assertThat(page).contains("id=\"referral-screening.indications-" + indication + "\"");
        }
        for (ContraIndication contra : ContraIndication.values()) {
            assertThat(page).contains("id=\"referral-screening.contraIndications-" + contra + "\"");
        }
        assertThat(page).doesNotContain("Naam van kind 4");
    }

    @Test
    void aCoachGetsTheForbiddenPage() throws Exception {
        mvc.perform(get("/referrals/new").with(user("anna", "coach")))
                .andExpect(status().isForbidden());
        mvc.perform(intake().with(user("anna", "coach")))
                .andExpect(status().isForbidden());
        verify(commands, never()).record(anyString(), any(), any());
    }

    @Test
    void aCompleteIntakeIsPostedAsOneReferralWithItsScreeningAndLandsOnTheWaitingList() throws Exception {
        given(commands.record(eq("/api/referrals"), any(), eq("k-1")))
                .willReturn(Map.of("trajectoryId", "t-7", "outcome", "ACCEPTED"));

        mvc.perform(intake().with(sanne()))
                .andExpect(redirectedUrl("/"))
                .andExpect(flash().attribute("recorded", "referral"))
                .andExpect(flash().attribute("referredTrajectory", "t-7"));

        ArgumentCaptor<Object> body = ArgumentCaptor.forClass(Object.class);
        verify(commands).record(eq("/api/referrals"), body.capture(), eq("k-1"));
        assertThat(body.getValue()).isEqualTo(new ReferralRequest(
                new FamilyForm("", "Familie Yilmaz", "Laak", "tr", true, MigrationGeneration.FIRST),
                List.of(new ChildForm("Elif", LocalDate.of(2016, 4, 2)), new ChildForm("Can", LocalDate.of(2019, 9, 12))),
                new ReferrerForm("dr. Bakker", "JGZ Laak"),
                Set.of(ReferralReason.NOT_REACHING_HELP, ReferralReason.CARE_COORDINATION), TODAY.minusDays(2), false,
                new ScreeningRequest(TODAY, Set.of(Indication.MIGRATION_BACKGROUND, Indication.PARENTING_STRESS),
                        Set.of(), null)));
    }

    @Test
    void aMissingFamilyNameIsRefusedInTheWebKeepingEverythingTyped() throws Exception {
        mvc.perform(intake("family.name", "").with(sanne()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("referral-family.name", "aria-invalid=\"true\"",
                        "id=\"referral-family.name-error\"", "Vul dit veld in.", "value=\"Laak\"", "value=\"Elif\"",
                        "value=\"Can\"", "dr. Bakker")));
        verify(commands, never()).record(anyString(), any(), any());
    }

    @Test
    void aContraIndicationWithoutReasonAsksToConfirmTheDeclineBeforeAnythingIsPosted() throws Exception {
        mvc.perform(intake("screening.contraIndications", "SAFETY_RISK").with(sanne()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("role=\"alert\"", "Bevestig de afwijzing",
                        "name=\"screening.contraIndications\" value=\"SAFETY_RISK\" checked",
                        "name=\"confirmDecline\"", "Ja, wijs de aanmelding af")));
        verify(commands, never()).record(anyString(), any(), any());

        given(commands.record(eq("/api/referrals"), any(), eq("k-1")))
                .willReturn(Map.of("trajectoryId", "t-8", "outcome", "DECLINED"));
        mvc.perform(intake("screening.contraIndications", "SAFETY_RISK", "confirmDecline", "true").with(sanne()))
                .andExpect(redirectedUrl("/"))
                .andExpect(flash().attribute("recorded", "referral-declined"));
    }

    @Test
    void theServicesRefusalOfAChildIsShownAtTheRowItWasTypedIn() throws Exception {
        given(commands.record(eq("/api/referrals"), any(), eq("k-1"))).willThrow(new CommandRefusal(null,
                List.of(new FieldRefusal("children[1].birthDate", "not-in-future"))));

        mvc.perform(intake().with(sanne()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("referral-children[2].birthDate",
                        "aria-invalid=\"true\"", "id=\"referral-children[2].birthDate-error\"",
                        "Deze datum mag niet in de toekomst liggen.")))
                .andExpect(content().string(not(containsString("id=\"referral-children[1].birthDate-error\""))));
    }

    @Test
    void theServicesRefusalOfTheScreeningDateIsShownAtThatDate() throws Exception {
        given(commands.record(eq("/api/referrals"), any(), eq("k-1"))).willThrow(new CommandRefusal(null,
                List.of(new FieldRefusal("screening.screenedOn", "not-before-referral"))));

        mvc.perform(intake().with(sanne()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("id=\"referral-screening.screenedOn-error\"",
                        "Deze datum mag niet vóór de aanmelding liggen.")));
    }

    @Test
    void moreChildrenGivesMoreRowsAndPostsNothing() throws Exception {
        mvc.perform(intake("anotherChild", "true").with(sanne()))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("name=\"idempotencyKey\" value=\"k-1\"",
                        "value=\"Elif\"", "Naam van kind 6")))
                .andExpect(content().string(not(containsString("Naam van kind 7"))));
        verify(commands, never()).record(anyString(), any(), any());
    }
}
