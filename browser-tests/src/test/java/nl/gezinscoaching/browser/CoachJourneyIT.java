package nl.gezinscoaching.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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

    /** Opens the family's page until the form is offered (the history view follows the events), fills, submits. */
    private static void fill(String trajectory, String slug, Map<String, String> values) {
        RunningPlatform.await(PROJECTION_DEADLINE, "the " + slug + " form", () -> {
            browser.open(platform.webUrl + "/trajectories/" + trajectory);
            return !browser.driver.findElements(By.id("form-" + slug)).isEmpty();
        });
        WebElement form = browser.driver.findElement(By.id("form-" + slug));
        browser.driver.findElement(By.xpath("//form[@id='form-" + slug + "']/preceding-sibling::summary")).click();
        values.forEach((name, value) -> ((JavascriptExecutor) browser.driver).executeScript(
                "arguments[0].value = arguments[1]", form.findElement(By.name(name)), value));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.find(By.cssSelector("main h1"));
    }

    private static void record(String trajectory, String slug, Map<String, String> values, String done) {
        fill(trajectory, slug, values);
        assertThat(browser.find(By.cssSelector("main .flash")).getText()).isEqualTo(done);
    }

    private static void signIn(String user) {
        assertThat(browser.heading()).isEqualTo("Aanmelden");
        browser.find(By.id("username")).sendKeys(user);
        browser.find(By.id("password")).sendKeys(user);
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        browser.find(By.cssSelector("main h1"));
    }

    private static String refer(String name, int daysAgo) {
        String body = platform.command("/api/referrals", """
                {"family": {"name": "%s", "district": "Escamp", "language": "nl", "interpreterNeeded": false,
                            "migrationGeneration": "NONE"},
                 "children": [{"name": "Kind", "birthDate": "2016-04-04"}],
                 "referrer": {"name": "Jeugdarts", "organisation": "JGZ"},
                 "reasons": ["CHILD_SAFETY"], "receivedOn": "%s"}""".formatted(name, TODAY.minusDays(daysAgo)));
        return body.replaceAll(".*\"trajectoryId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static void assign(String trajectory, String coach, int daysAgo) {
        platform.command("/api/trajectories/" + trajectory + "/assignment",
                "{\"coachId\": \"%s\", \"assignedOn\": \"%s\"}".formatted(coach, TODAY.minusDays(daysAgo)));
    }
}
