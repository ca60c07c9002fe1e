package nl.gezinscoaching.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A coach on her phone, in a real Chromium against the real services and PostgreSQL: she signs in at
 * {@code /login}, sees the family assigned to her on "Mijn gezinnen" with what is due, opens its page, and gets
 * the 403 page for another coach's family. Every page is checked with axe-core and saved as a screenshot
 * (375 px and 1280 px) under {@code target/screenshots}.
 */
class CoachJourneyIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(60);

    private static RunningPlatform platform;
    private static Browser browser;
    private static String annasFamily;
    private static String bramsFamily;

    @BeforeAll
    static void givenAFamilyOfAnnaAndOneOfBram() {
        browser = Browser.ofWidth(Browser.PHONE); // first: without Chromium, fail at once with how to install it
        platform = RunningPlatform.start();
        platform.command("/api/coaches", """
                {"coachId": "anna", "name": "Anna", "cluster": "Noord", "fte": 1.0, "registeredOn": "2020-01-01"}""");
        platform.command("/api/coaches", """
                {"coachId": "bram", "name": "Bram", "cluster": "Zuid", "fte": 1.0, "registeredOn": "2020-01-01"}""");
        annasFamily = refer("Familie Jansen", 25);
        assign(annasFamily, "anna", 20);
        bramsFamily = refer("Familie Visser", 30);
        assign(bramsFamily, "bram", 25);
        RunningPlatform.await(PROJECTION_DEADLINE, "Anna's family in the query service's view", () ->
                platform.view("/api/my-families", "anna").body().contains(annasFamily));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void aCoachSignsInOnHerPhoneAndSeesTheFamilyAssignedToHer() {
        browser.open(platform.webUrl + "/");

        assertThat(browser.heading()).isEqualTo("Aanmelden");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(platform.webUrl + "/login");
        browser.assertAccessible("the sign-in form");
        browser.screenshot("login", Browser.PHONE);

        signIn("anna");

        assertThat(browser.heading()).isEqualTo("Mijn gezinnen");
        WebElement family = browser.find(By.linkText("Familie Jansen"));
        assertThat(browser.text()).contains("anna", "gezinscoach", "20 dagen geen contact met het gezin");
        assertThat(browser.text()).doesNotContain("Familie Visser");
        browser.assertAccessible("Mijn gezinnen");
        browser.screenshot("mijn-gezinnen", Browser.PHONE);
        browser.screenshot("mijn-gezinnen", Browser.DESKTOP);

        family.click();

        assertThat(browser.heading()).isEqualTo("Familie Jansen");
        assertThat(browser.text()).contains("Aanmelding", "Coach toegewezen", "vastgelegd door admin");
        browser.assertAccessible("the family's page");
        browser.screenshot("gezin", Browser.PHONE);
        browser.screenshot("gezin", Browser.DESKTOP);
    }

    @Test
    void aCoachWhoOpensAnotherCoachsFamilyGetsTheForbiddenPage() {
        browser.open(platform.webUrl + "/");
        signIn("anna");

        browser.open(platform.webUrl + "/trajectories/" + bramsFamily);

        assertThat(browser.heading()).isEqualTo("Geen toegang");
        assertThat(browser.text()).contains("anna", "Afmelden").doesNotContain("Familie Visser", "??");
        browser.assertAccessible("the 403 page");
        browser.screenshot("geen-toegang", Browser.PHONE);
        browser.screenshot("geen-toegang", Browser.DESKTOP);
    }

    @Test
    void theKeyboardReachesTheContentFirstAndTheLanguageSwitchGivesEnglish() {
        browser.open(platform.webUrl + "/");
        signIn("anna");

        browser.find(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skipLink = browser.driver.switchTo().activeElement();
        assertThat(skipLink.getText()).isEqualTo("Naar de inhoud");
        skipLink.sendKeys(Keys.ENTER);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("main");

        browser.find(By.linkText("English")).click();

        assertThat(browser.heading()).isEqualTo("My families");
        assertThat(browser.text()).contains("No contact with the family for 20 days");
        browser.assertAccessible("My families in English");
        browser.screenshot("my-families-en", Browser.PHONE);

        browser.find(By.linkText("Nederlands")).click();
        browser.find(By.cssSelector("form.sign-out button")).click();

        assertThat(browser.heading()).isEqualTo("Afgemeld");
        browser.assertAccessible("the signed-out page");
        browser.screenshot("afgemeld", Browser.PHONE);
    }

    @Test
    void aCoachRecordsHerWorkWithAFamilyOnHerPhoneAndARefusalKeepsWhatSheTyped() {
        String family = refer("Familie de Boer", 40);
        assign(family, "anna", 30);
        browser.open(platform.webUrl + "/");
        signIn("anna");

        record(family, "home-visit", Map.of("durationMinutes", "45", "summary", "Kennismaking"),
                "Het huisbezoek is vastgelegd.");
        browser.assertAccessible("the family's page after a home visit");
        record(family, "goal", Map.of("description", "Vaste lasten op tijd betaald", "lifeDomain", "FINANCES"),
                "Het doel is vastgelegd.");
        record(family, "family-plan", Map.of(), "Het gezinsplan is vastgelegd.");
        record(family, "agency-referral", Map.of("agency", "Schuldhulpverlening",
                "referredOn", TODAY.minusDays(2).toString()), "De doorverwijzing is vastgelegd.");

        // refused by the service: a handover before the referral; the reason next to the field, the input kept
        fill(family, "warm-handover", Map.of("handedOverOn", TODAY.minusDays(5).toString()));
        assertThat(browser.find(By.id("warm-handover-handedOverOn-error")).getText())
                .isEqualTo("Deze datum mag niet vóór de doorverwijzing liggen.");
        assertThat(browser.find(By.id("warm-handover-handedOverOn")).getAttribute("value"))
                .isEqualTo(TODAY.minusDays(5).toString());
        browser.assertAccessible("a refused form");
        browser.screenshot("gezin-geweigerd", Browser.PHONE);

        record(family, "warm-handover", Map.of(), "De warme overdracht is vastgelegd.");
        browser.screenshot("gezin-formulieren", Browser.PHONE);
        browser.screenshot("gezin-formulieren", Browser.DESKTOP);
        record(family, "closure", Map.of("reason", "FAMILY_IN_CONTROL", "clientSatisfaction", "8",
                "referrerSatisfaction", "7"), "Het traject is afgesloten; de nazorg begint.");
        record(family, "aftercare-call", Map.of("wellbeing", "STABLE"), "Het nazorggesprek is vastgelegd.");

        assertThat(browser.text()).contains("Huisbezoek", "Doel gesteld", "Gezinsplan afgesproken",
                "Doorverwezen naar instantie", "Warme overdracht", "Afsluiting", "Nazorggesprek", "vastgelegd door anna");
        browser.assertAccessible("the family's page in aftercare");
        browser.screenshot("gezin-nazorg", Browser.PHONE);
    }

    @Test
    void anOverloadedServiceKeepsWhatTheCoachTypedAndSaysNothingWasRecorded() throws Exception {
        String family = refer("Familie Smit", 35);
        assign(family, "anna", 30);
        browser.open(platform.webUrl + "/");
        signIn("anna");

        try (AutoCloseable busy = platform.overloadCommandService()) {
            fill(family, "home-visit", Map.of("durationMinutes", "50", "summary", "Gesprek over de schulden"));
            assertThat(browser.find(By.cssSelector("#form-home-visit .form-error")).getText())
                    .startsWith("Het is nu te druk om dit vast te leggen; er is niets vastgelegd.");
            assertThat(browser.find(By.id("home-visit-durationMinutes")).getAttribute("value")).isEqualTo("50");
            assertThat(browser.find(By.id("home-visit-summary")).getAttribute("value"))
                    .isEqualTo("Gesprek over de schulden");
            browser.assertAccessible("a form the overloaded service could not record");
            browser.screenshot("gezin-te-druk", Browser.PHONE);
            browser.screenshot("gezin-te-druk", Browser.DESKTOP);
        }
        assertThat(browser.text()).doesNotContain("Het huisbezoek is vastgelegd.");

        // the same form sent again once the service has room: recorded once
        browser.find(By.cssSelector("#form-home-visit button[type=submit]")).click();
        assertThat(browser.find(By.cssSelector("main .flash")).getText()).isEqualTo("Het huisbezoek is vastgelegd.");
    }

    /**
     * The whole journey of a family, as the team works it: the senior coach takes in the referral with the
     * selection form and assigns it from the waiting list; the coach records every kind of action up to the
     * closure (evaluating the goals) and an aftercare call; the senior grants an extension on the way. A second
     * referral with a contra-indication is declined only after the senior confirms it.
     */
    @Test
    void aFamilyGoesFromReferralWithTheSelectionFormThroughEveryActionToAftercare() {
        browser.open(platform.webUrl + "/");
        signIn("sanne");
        browser.find(By.linkText("Nieuwe aanmelding")).click();
        assertThat(browser.heading()).isEqualTo("Nieuwe aanmelding");
        browser.assertAccessible("the intake page");
        browser.screenshot("aanmelding", Browser.PHONE);
        browser.screenshot("aanmelding", Browser.DESKTOP);

        WebElement intake = browser.find(By.id("form-referral"));
        fillFields(intake, Map.of("family.name", "Familie Bakker", "family.district", "Laak",
                "family.language", "nl", "family.migrationGeneration", "SECOND",
                "children[0].name", "Sem", "children[0].birthDate", "2015-06-01",
                "referrer.name", "Jeugdverpleegkundige", "referrer.organisation", "JGZ Laak"));
        check("referral-reasons-NOT_REACHING_HELP", "referral-screening.indications-PARENTING_STRESS",
                "referral-screening.indications-LOW_EDUCATED_PARENTS");
        intake.findElement(By.cssSelector("button[type=submit]:not([name])")).click();
        assertThat(browser.find(By.cssSelector("main .flash")).getText())
                .startsWith("De aanmelding is vastgelegd; het gezin staat op de wachtlijst.");
        String family = browser.find(By.linkText("Bekijk het gezin")).getAttribute("href")
                .replaceAll(".*/trajectories/", "");

        // the waiting list follows the events: reload until the family is on it, then assign it to anna
        RunningPlatform.await(PROJECTION_DEADLINE, "Familie Bakker on the waiting list", () -> {
            browser.open(platform.webUrl + "/");
            return browser.text().contains("Familie Bakker toewijzen");
        });
        browser.assertAccessible("the waiting list");
        browser.screenshot("wachtlijst", Browser.PHONE);
        browser.find(By.xpath("//summary[text()='Familie Bakker toewijzen']")).click();
        WebElement assignment = browser.find(By.id("form-assignment-" + family));
        fillFields(assignment, Map.of("coachId", "anna"));
        assignment.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.find(By.cssSelector("main .flash")).getText()).isEqualTo("Het gezin is toegewezen.");

        // a contra-indication declines the referral, after the senior confirms it
        browser.find(By.linkText("Nieuwe aanmelding")).click();
        WebElement second = browser.find(By.id("form-referral"));
        fillFields(second, Map.of("family.name", "Familie Smit", "family.district", "Escamp",
                "family.language", "nl", "family.migrationGeneration", "NONE",
                "children[0].name", "Noor", "children[0].birthDate", "2012-02-02",
                "referrer.name", "Huisarts", "referrer.organisation", "Huisartsenpraktijk"));
        check("referral-reasons-CHILD_SAFETY", "referral-screening.contraIndications-SAFETY_RISK");
        second.findElement(By.cssSelector("button[type=submit]:not([name])")).click();
        assertThat(browser.find(By.cssSelector("main [role=alert]")).getText()).contains("Bevestig de afwijzing");
        assertThat(browser.find(By.id("referral-family.name")).getAttribute("value")).isEqualTo("Familie Smit");
        assertThat(browser.find(By.id("referral-screening.contraIndications-SAFETY_RISK")).isSelected()).isTrue();
        browser.assertAccessible("the intake asking to confirm a decline");
        browser.screenshot("aanmelding-bevestigen", Browser.PHONE);
        check("referral-confirmDecline");
        browser.find(By.cssSelector("#form-referral button[type=submit]:not([name])")).click();
        assertThat(browser.find(By.cssSelector("main .flash")).getText())
                .isEqualTo("De aanmelding is vastgelegd en afgewezen op de contra-indicatie(s).");
        signOut();

        browser.open(platform.webUrl + "/");
        signIn("anna");
        RunningPlatform.await(PROJECTION_DEADLINE, "Familie Bakker on anna's list", () -> {
            browser.open(platform.webUrl + "/");
            return browser.text().contains("Familie Bakker");
        });
        record(family, "home-visit", Map.of("durationMinutes", "60", "summary", "Kennismaking met tolk"),
                "Het huisbezoek is vastgelegd.");
        record(family, "phone-contact", Map.of("durationMinutes", "15"), "Het telefonisch contact is vastgelegd.");
        record(family, "practical-support", Map.of("kind", "ADMINISTRATION", "durationMinutes", "90"),
                "De praktische ondersteuning is vastgelegd.");
        record(family, "problem-inventory", Map.of(), List.of("problem-inventory-problemDomains-FINANCES",
                "problem-inventory-problemDomains-PARENTING"), "De inventarisatie is vastgelegd.");
        record(family, "goal", Map.of("description", "Schulden in beeld", "lifeDomain", "FINANCES"),
                "Het doel is vastgelegd.");
        record(family, "goal", Map.of("description", "Sem gaat elke dag naar school", "lifeDomain", "PARENTING"),
                "Het doel is vastgelegd.");
        record(family, "family-plan", Map.of("cosigningAgencies", "Schuldhulpverlening"),
                "Het gezinsplan is vastgelegd.");
        record(family, "agency-referral", Map.of("agency", "Schuldhulpverlening"), "De doorverwijzing is vastgelegd.");
        record(family, "coordination-meeting", Map.of("agencies", "Schuldhulpverlening, School"),
                "Het afstemmingsoverleg is vastgelegd.");
        record(family, "safety-assessment", Map.of("verdict", "SAFE"), "De veiligheidsinschatting is vastgelegd.");
        record(family, "warm-handover", Map.of(), "De warme overdracht is vastgelegd.");
        fill(family, "goal-evaluation", Map.of("attainment", "PARTLY"), List.of());
        assertThat(browser.find(By.cssSelector("main .flash")).getText()).isEqualTo("De evaluatie van het doel is vastgelegd.");
        assertThat(browser.text()).contains("Schulden in beeld", "Gedeeltelijk bereikt", "Geplande einddatum");
        browser.assertAccessible("the family's page with goals and forms");
        browser.screenshot("gezin-overzicht", Browser.PHONE);
        browser.screenshot("gezin-overzicht", Browser.DESKTOP);
        signOut();

        browser.open(platform.webUrl + "/");
        signIn("sanne");
        record(family, "extension", Map.of("months", "3", "reason", "Wacht op schuldhulp"),
                "De verlenging is toegekend.");
        signOut();

        browser.open(platform.webUrl + "/");
        signIn("anna");
        fill(family, "closure", Map.of("reason", "FAMILY_IN_CONTROL", "clientSatisfaction", "8",
                "referrerSatisfaction", "7", "closure-goal-0", "FULLY"), List.of());
        assertThat(browser.find(By.cssSelector("main .flash")).getText())
                .isEqualTo("Het traject is afgesloten; de nazorg begint.");
        record(family, "aftercare-call", Map.of("wellbeing", "GOOD"), "Het nazorggesprek is vastgelegd.");

        assertThat(browser.text()).contains("Aanmelding", "Coach toegewezen", "Huisbezoek", "Telefonisch contact",
                "Praktische ondersteuning", "Probleeminventarisatie", "Doel gesteld", "Gezinsplan afgesproken",
                "Doorverwezen naar instantie", "Afstemmingsoverleg", "Veiligheidstaxatie", "Warme overdracht",
                "Doel geëvalueerd", "Verlenging", "Afsluiting", "Nazorggesprek", "vastgelegd door sanne",
                "vastgelegd door anna", "Volledig bereikt");
        browser.assertAccessible("the family's page in aftercare after the whole journey");
        browser.screenshot("gezin-reis-nazorg", Browser.PHONE);
    }

    /** Sets fields by name (or by id when no field has that name), as a user typing or choosing would. */
    private static void fillFields(WebElement form, Map<String, String> values) {
        values.forEach((name, value) -> {
            List<WebElement> byName = form.findElements(By.name(name));
            WebElement field = byName.isEmpty() ? form.findElement(By.id(name)) : byName.get(0);
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1]", field, value);
        });
    }

    /** Ticks checkboxes by their id, by clicking their labels as a user does. */
    private static void check(String... ids) {
        for (String id : ids) {
            WebElement label = browser.find(By.cssSelector("label[for='" + id + "']"));
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", label);
            label.click();
            assertThat(browser.find(By.id(id)).isSelected()).as(id).isTrue();
        }
    }

    private static void signOut() {
        browser.find(By.cssSelector("form.sign-out button")).click();
        assertThat(browser.heading()).isEqualTo("Afgemeld");
        browser.driver.manage().deleteAllCookies();
    }

    /** Opens the family's page until the form is offered (the history view follows the events), fills, submits. */
    private static void fill(String trajectory, String slug, Map<String, String> values) {
        fill(trajectory, slug, values, List.of());
    }

    /** As {@link #fill(String, String, Map)}, ticking the checkboxes {@code checks} (by id) too. */
    private static void fill(String trajectory, String slug, Map<String, String> values, List<String> checks) {
        RunningPlatform.await(PROJECTION_DEADLINE, "the " + slug + " form", () -> {
            browser.open(platform.webUrl + "/trajectories/" + trajectory);
            return !browser.driver.findElements(By.id("form-" + slug)).isEmpty();
        });
        WebElement form = browser.driver.findElement(By.id("form-" + slug));
        browser.driver.findElement(By.xpath("//form[@id='form-" + slug + "']/preceding-sibling::summary")).click();
        fillFields(form, values);
        check(checks.toArray(String[]::new));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.find(By.cssSelector("main h1"));
    }

    private static void record(String trajectory, String slug, Map<String, String> values, String done) {
        record(trajectory, slug, values, List.of(), done);
    }

    private static void record(String trajectory, String slug, Map<String, String> values, List<String> checks,
                               String done) {
        fill(trajectory, slug, values, checks);
        assertThat(browser.find(By.cssSelector("main .flash")).getText()).isEqualTo(done);
    }

    private static void signIn(String user) {
        browser.signIn(user);
    }

    private static String refer(String name, int daysAgo) {
        return platform.refer(name, "Escamp", TODAY.minusDays(daysAgo));
    }

    private static void assign(String trajectory, String coach, int daysAgo) {
        platform.assign(trajectory, coach, TODAY.minusDays(daysAgo));
    }
}
