package nl.gezinscoaching.web.families;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.stringContainsInOrder;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.web.SignedIn;
import nl.gezinscoaching.web.services.QueryService;
import nl.gezinscoaching.api.views.MyFamiliesView.Due;
import nl.gezinscoaching.api.views.MyFamiliesView.DueKind;
import nl.gezinscoaching.api.views.MyFamiliesView.Stage;
import nl.gezinscoaching.api.views.MyFamiliesView.FamilyItem;
import nl.gezinscoaching.api.views.MyFamiliesView;
import nl.gezinscoaching.api.views.MyFamiliesView.WaitingFamily;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * The pages as a signed-in user sees them, with the query service's answers given: texts from the message
 * bundles (Dutch by default, English by the browser's language or the switch), the service's refusals as
 * pages, sign-in and sign-out.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FamilyPagesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    QueryService queries;

    private static OidcLoginRequestPostProcessor signedIn(String username, String role, String coachId, String cluster) {
        return SignedIn.as(username, role, coachId, cluster);
    }

    private static FamilyItem family(String id, String name, Due... due) {
        return new FamilyItem(id, name, "Escamp", "anna", Stage.COACHING, TODAY.minusDays(20), TODAY.plusMonths(5),
                null, List.of(due));
    }

    private static MyFamiliesView annasFamilies() {
        return new MyFamiliesView(TODAY, List.of(
                family("t-1", "Familie Jansen", new Due(DueKind.NO_CONTACT, TODAY.minusDays(5), 20, List.of()),
                        new Due(DueKind.WAITING_AT_AGENCY, TODAY.minusDays(9), 9, List.of("GGZ"))),
                family("t-2", "Familie De Vries")), List.of(), List.of());
    }

    @Test
    void someoneNotSignedInIsSentToTheSignIn() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/oauth2/authorization/gezinscoaching"));
    }

    @Test
    void aCoachSeesHerFamiliesWithWhatIsDueInDutch() throws Exception {
        given(queries.myFamilies()).willReturn(annasFamilies());

        mvc.perform(get("/").with(signedIn("anna", "coach", "anna", "Noord")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"nl\">")))
                .andExpect(content().string(stringContainsInOrder("Mijn gezinnen", "anna", "gezinscoach",
                        "Familie Jansen", "20 dagen geen contact met het gezin", "Wacht al 9 dagen op GGZ",
                        "Familie De Vries", "Niets dringends")))
                .andExpect(content().string(containsString("href=\"/trajectories/t-1\"")))
                .andExpect(content().string(not(containsString("Wachtlijst"))));
    }

    @Test
    void theBrowsersLanguageChoosesEnglish() throws Exception {
        given(queries.myFamilies()).willReturn(annasFamilies());

        mvc.perform(get("/").header("Accept-Language", "en-GB,en;q=0.9").with(signedIn("anna", "coach", "anna", "Noord")))
                .andExpect(content().string(containsString("<html lang=\"en\">")))
                .andExpect(content().string(stringContainsInOrder("My families", "family coach",
                        "No contact with the family for 20 days", "Waiting 9 days for GGZ")));
    }

    @Test
    void aLanguageThePagesDoNotHaveGetsDutch() throws Exception {
        given(queries.myFamilies()).willReturn(annasFamilies());

        mvc.perform(get("/").header("Accept-Language", "de-DE").with(signedIn("anna", "coach", "anna", "Noord")))
                .andExpect(content().string(containsString("<html lang=\"nl\">")))
                .andExpect(content().string(containsString("Mijn gezinnen")));
    }

    @Test
    void theLanguageSwitchIsRememberedInACookie() throws Exception {
        given(queries.myFamilies()).willReturn(annasFamilies());

        mvc.perform(get("/").param("lang", "en").with(signedIn("anna", "coach", "anna", "Noord")))
                .andExpect(content().string(containsString("My families")))
                .andExpect(content().string(containsString("href=\"/?lang=nl\"")))
                .andExpect(cookie().value("GEZINSCOACHING_LANGUAGE", "en"));
    }

    @Test
    void aSeniorCoachAlsoSeesHerClusterAndTheWaitingList() throws Exception {
        given(queries.myFamilies()).willReturn(new MyFamiliesView(TODAY, List.of(),
                List.of(family("t-1", "Familie Jansen")),
                List.of(new WaitingFamily("t-9", "Familie Yilmaz", "Laak", TODAY.minusDays(6), 6))));

        mvc.perform(get("/").with(signedIn("sanne", "senior_coach", "sanne", "Noord")))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("senior gezinscoach", "U heeft geen open trajecten.",
                        "Gezinnen van mijn cluster", "Familie Jansen", "Coach: anna", "Wachtlijst", "Familie Yilmaz",
                        "Laak", "16 november 2026", ">6<")));
    }

    @Test
    void aManagerIsToldThePageIsForCoachesAndTheServiceIsNotAsked() throws Exception {
        mvc.perform(get("/").with(signedIn("mila", "manager", null, null)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Deze pagina is voor gezinscoaches.")));
        verifyNoInteractions(queries);
    }

    @Test
    void anotherCoachsFamilyIsTheForbiddenPage() throws Exception {
        given(queries.history("t-bram")).willThrow(HttpClientErrorException.create(HttpStatus.FORBIDDEN, "Forbidden",
                null, null, null));

        mvc.perform(get("/trajectories/t-bram").with(signedIn("anna", "coach", "anna", "Noord")))
                .andExpect(status().isForbidden())
                .andExpect(content().string(stringContainsInOrder("anna", "gezinscoach", "Afmelden", "Geen toegang",
                        "U ziet alleen de gezinnen die u begeleidt.")))
                .andExpect(content().string(not(containsString("??"))));
    }

    @Test
    void anUnknownFamilyIsTheNotFoundPage() throws Exception {
        given(queries.history("t-none")).willThrow(HttpClientErrorException.create(HttpStatus.NOT_FOUND, "Not Found",
                null, null, null));

        mvc.perform(get("/trajectories/t-none").with(signedIn("anna", "coach", "anna", "Noord")))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Niet gevonden")));
    }

    @Test
    void aServiceThatDoesNotAnswerIsTheUnavailablePage() throws Exception {
        given(queries.myFamilies()).willThrow(new ResourceAccessException("Connection refused"));

        mvc.perform(get("/").with(signedIn("anna", "coach", "anna", "Noord")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("Even niet beschikbaar")));
    }

    @Test
    void theLocalSignInFormHasAUserNameAndAPasswordFieldAndACsrfToken() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(stringContainsInOrder("<form action=\"/login\" method=\"post\">",
                        "name=\"_csrf\"", "<label for=\"username\">Gebruikersnaam</label>", "name=\"username\"",
                        "<label for=\"password\">Wachtwoord</label>", "name=\"password\"")));
    }

    @Test
    void signingOutNeedsTheFormsCsrfTokenAndEndsOnTheSignedOutPage() throws Exception {
        mvc.perform(post("/logout").with(signedIn("anna", "coach", "anna", "Noord")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").with(signedIn("anna", "coach", "anna", "Noord")).with(csrf()))
                .andExpect(redirectedUrl("/signed-out"));
        mvc.perform(get("/signed-out")).andExpect(status().isOk())
                .andExpect(content().string(containsString("U bent afgemeld.")));
    }
}
