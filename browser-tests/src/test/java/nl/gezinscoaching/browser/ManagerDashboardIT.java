package nl.gezinscoaching.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A manager, a senior coach, a coach and the administrator on the management pages, in a real Chromium against
 * the real services and PostgreSQL (issue 11's proof): the manager sees a newly assigned family in the caseload
 * chart and its table, follows an over-capacity coach's bar to her families, downloads the overrun CSV and reads
 * a family's history, which then shows in that family's read audit; a coach gets the 403 page for the dashboard;
 * a senior coach sees only her cluster; the administrator's chain verification and retention list. axe-core on
 * every page; screenshots at 375 and 1280 px under {@code target/screenshots}.
 */
class ManagerDashboardIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(60);

    private static RunningPlatform platform;
    private static Browser browser;
    private static String overrunningFamily;

    @BeforeAll
    static void givenTwoClustersOfCoachesAndTheirFamilies() {
        browser = Browser.ofWidth(Browser.DESKTOP); // first: without Chromium, fail at once with how to install it
        platform = RunningPlatform.start();
        coach("anna", "Anna", "Noord", "0.2");
        coach("cas", "Cas", "Noord", "1.0");
        coach("bram", "Bram", "Zuid", "1.0");
        coach("dewi", "Dewi", "Zuid", "0.8");
        // anna (capacity 2.2) has two families: at her capacity, not over it yet
        assign(refer("Familie Jansen", "Escamp", 80), "anna", 70);
        assign(refer("Familie de Boer", "Laak", 40), "anna", 35);
        for (int i = 0; i < 5; i++) {
            assign(refer("Familie Cas " + i, i % 2 == 0 ? "Centrum" : "Escamp", 300 - i * 50), "cas", 290 - i * 50);
        }
        // bram's family past its planned end (6 months), waiting for mental health care
        overrunningFamily = refer("Familie Visser", "Segbroek", 260);
        assign(overrunningFamily, "bram", 250);
        platform.command("/api/trajectories/" + overrunningFamily + "/agency-referrals",
                "{\"agency\": \"GGZ\", \"referredOn\": \"%s\"}".formatted(TODAY.minusDays(40)));
        for (int i = 0; i < 3; i++) {
            assign(refer("Familie Bram " + i, "Haagse Hout", 120 - i * 30), i == 2 ? "dewi" : "bram", 110 - i * 30);
        }
        refer("Familie Yilmaz", "Escamp", 12); // waiting for a coach
        refer("Familie Bakker", "Laak", 5);
        awaitActive("anna", 2);
        awaitActive("dewi", 1);
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
    void aManagerSeesANewlyAssignedFamilyFollowsAnOverCapacityBarDownloadsTheOverrunsAndReadsAHistory() {
        browser.open(platform.webUrl + "/dashboard");
        signIn("mila");

        assertThat(browser.heading()).isEqualTo("Dashboard");
        assertThat(activeOf("anna")).isEqualTo("2");
        assertThat(row("anna").getText()).contains("Binnen capaciteit");
        browser.assertAccessible("the dashboard");

        // a new family for anna: she is over her capacity now
        String newFamily = refer("Familie Smit", "Escamp", 3);
        assign(newFamily, "anna", 1);
        awaitActive("anna", 3);
        browser.open(platform.webUrl + "/dashboard");
        assertThat(activeOf("anna")).isEqualTo("3");
        assertThat(row("anna").getText()).contains("Boven capaciteit");
        assertThat(browser.find(By.id("caseload-table")).getText()).contains("Cas", "Bram", "Dewi");
        awaitChartDrawn();
        browser.assertAccessible("the dashboard with anna over capacity");
        Path desktop = browser.screenshot("dashboard", Browser.DESKTOP);
        Path phone = redrawnAtPhoneWidth("dashboard");
        copyToDocs(desktop, phone);

        // her bar in the chart leads to her families, the filter in the address
        clickBarOf("Anna (boven capaciteit)");
        assertThat(browser.heading()).isEqualTo("Gezinnen van coach anna");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/dashboard/families?coachId=anna");
        assertThat(browser.find(By.id("list-total")).getText()).isEqualTo("3 gezinnen.");
        assertThat(browser.find(By.id("families-table")).getText()).contains(abbreviated(newFamily));
        browser.assertAccessible("anna's families");
        browser.screenshot("dashboard-gezinnen", Browser.PHONE);

        // the filter is kept: a cluster's list, and a coach's bar from there
        browser.open(platform.webUrl + "/dashboard?cluster=Zuid");
        assertThat(browser.find(By.id("caseload-table")).getText()).contains("Bram", "Dewi").doesNotContain("Anna");
        browser.find(By.cssSelector("#coach-bram a")).click();
        assertThat(browser.driver.getCurrentUrl()).endsWith("/dashboard/families?cluster=Zuid&coachId=bram");

        // the overrun list and its CSV, downloaded with the browser's session
        browser.open(platform.webUrl + "/dashboard");
        assertThat(browser.find(By.id("overruns-table")).getText()).contains("bram", "Ja: GGZ");
        String csvLink = browser.find(By.id("overruns-csv")).getAttribute("href");
        @SuppressWarnings("unchecked")
        Map<String, Object> csv = (Map<String, Object>) ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.text().then(body => done({status: r.status,
                    type: r.headers.get('Content-Type'), disposition: r.headers.get('Content-Disposition'), body})));""",
                csvLink);
        assertThat(csv.get("status")).isEqualTo(200L);
        assertThat((String) csv.get("type")).startsWith("text/csv");
        assertThat((String) csv.get("disposition")).contains("attachment", "overruns-" + TODAY + ".csv");
        List<String> lines = ((String) csv.get("body")).lines().toList();
        assertThat(lines.get(0)).contains("trajectoryId", "coachId", "daysOver", "waitingOnAgency");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(overrunningFamily, "bram", "GGZ"));

        // a family's full history: the read is recorded, and shows in the family's read audit
        browser.find(By.cssSelector("#overruns-table a[href='/audit/families/" + overrunningFamily + "']")).click();
        assertThat(browser.heading()).isEqualTo("Volledige geschiedenis: Familie Visser");
        assertThat(browser.find(By.id("history-table")).getText())
                .contains("Aanmelding", "Coach toegewezen", "Doorverwezen naar instantie", "admin");
        assertThat(browser.find(By.id("recent-reads-table")).getText()).contains("mila", "geschiedenis");
        browser.assertAccessible("a family's full history");
        browser.screenshot("geschiedenis", Browser.PHONE);
        browser.screenshot("geschiedenis", Browser.DESKTOP);

        browser.find(By.linkText("Alle inzages (1)")).click();
        assertThat(browser.heading()).isEqualTo("Wie las dit dossier");
        assertThat(browser.find(By.id("reads-table")).getText()).contains("mila", "geschiedenis");
        browser.assertAccessible("a family's read audit");
        browser.screenshot("leesregister-gezin", Browser.PHONE);

        // the family's own page shows who read it when (loaded after the page, its own read included)
        browser.open(platform.webUrl + "/trajectories/" + overrunningFamily);
        WebElement reads = browser.find(By.id("recent-reads-table"));
        assertThat(reads.getText()).contains("mila");
        assertThat(browser.driver.findElements(By.cssSelector("#recent-reads-table tbody tr"))).hasSize(2);
        browser.assertAccessible("the family's page with its read audit");
        browser.screenshot("gezin-leesregister", Browser.PHONE);

        // the waiting lists: an agency's median leads to the families waiting there
        browser.open(platform.webUrl + "/dashboard");
        browser.find(By.cssSelector("#per-agency-table a")).click();
        assertThat(browser.heading()).isEqualTo("Wachtend op GGZ");
        assertThat(browser.find(By.id("awaiting-agency-table")).getText()).contains(abbreviated(overrunningFamily));
        browser.assertAccessible("the waiting list of one agency");
    }

    @Test
    void aManagerGoesFromAQualityFigureAndFromADayOfTheTrendToTheFamiliesBehindIt() {
        browser.open(platform.webUrl + "/dashboard");
        signIn("mila");

        WebElement started = browser.find(By.xpath(
                "//table[@id='quality-table']//tr[th[normalize-space()='Gezinnen gestart']]//a"));
        String count = started.getText();
        started.click();
        assertThat(browser.heading()).isEqualTo("Gezinnen gestart");
        assertThat(browser.find(By.id("list-total")).getText()).isEqualTo(count + " gezinnen.");
        assertThat(browser.find(By.id("quality-list")).getText()).contains(abbreviated(overrunningFamily), "bram");
        browser.assertAccessible("the families behind a figure of the quality report");
        browser.screenshot("kwaliteit-gezinnen", Browser.PHONE);
        browser.screenshot("kwaliteit-gezinnen", Browser.DESKTOP);

        // the trend's last day is today: its number leads to today's families with a coach
        browser.open(platform.webUrl + "/dashboard");
        List<WebElement> days = browser.driver.findElements(By.cssSelector("#trend-table tbody tr a"));
        WebElement today = days.get(days.size() - 1);
        String active = today.getText();
        today.click();
        assertThat(browser.find(By.id("list-as-of")).getText()).startsWith("Op ");
        assertThat(browser.find(By.id("list-total")).getText()).isEqualTo(active + " gezinnen.");
        browser.assertAccessible("the families with a coach on a day of the trend");
    }

    @Test
    void aCoachGetsTheForbiddenPageForTheDashboard() {
        browser.open(platform.webUrl + "/dashboard");
        signIn("anna");

        assertThat(browser.heading()).isEqualTo("Geen toegang");
        assertThat(browser.text()).contains("anna", "Afmelden").doesNotContain("Caseload");
        assertThat(browser.driver.findElements(By.linkText("Dashboard"))).isEmpty();
        browser.assertAccessible("the 403 page for the dashboard");
        browser.screenshot("dashboard-geen-toegang", Browser.PHONE);
    }

    @Test
    void aSeniorCoachSeesOnlyHerCluster() {
        browser.open(platform.webUrl + "/");
        signIn("sanne");
        browser.find(By.linkText("Dashboard")).click();

        assertThat(browser.heading()).isEqualTo("Dashboard");
        assertThat(browser.text()).contains("U ziet de cijfers van uw eigen cluster: Noord.");
        assertThat(browser.find(By.id("caseload-table")).getText()).contains("Anna", "Cas").doesNotContain("Bram", "Dewi");
        assertThat(browser.text()).doesNotContain("Kwaliteitsrapportage");
        assertThat(browser.find(By.id("overruns-table")).getText()).as("bram's overrun is Zuid's")
                .contains("cas").doesNotContain("bram");
        browser.assertAccessible("the senior coach's dashboard");
        browser.screenshot("dashboard-senior", Browser.PHONE);

        browser.open(platform.webUrl + "/dashboard?cluster=Zuid");
        assertThat(browser.heading()).isEqualTo("Geen toegang");
    }

    @Test
    void theAdministratorVerifiesTheReadAuditAndSeesTheRetentionList() {
        browser.open(platform.webUrl + "/");
        signIn("admin");

        browser.find(By.linkText("Leesregister")).click();
        assertThat(browser.heading()).isEqualTo("Controle van het leesregister");
        assertThat(browser.find(By.id("verification-outcome")).getText()).isEqualTo("Het leesregister is intact.");
        browser.assertAccessible("the read audit's verification");
        browser.screenshot("leesregister-controle", Browser.PHONE);

        browser.find(By.linkText("Bewaartermijn")).click();
        assertThat(browser.heading()).isEqualTo("Bewaartermijn verstreken");
        assertThat(browser.find(By.id("list-total")).getText()).isEqualTo("0 dossiers.");
        browser.assertAccessible("the retention list");
        browser.screenshot("bewaartermijn", Browser.PHONE);
    }

    private static String activeOf(String coachId) {
        return browser.find(By.cssSelector("#coach-" + coachId + " td.number a")).getText();
    }

    private static WebElement row(String coachId) {
        return browser.find(By.id("coach-" + coachId));
    }

    /** Chart.js draws after the page's deferred scripts: wait until the bar chart exists. */
    private static void awaitChartDrawn() {
        RunningPlatform.await(Duration.ofSeconds(20), "the caseload chart drawn", () -> Boolean.TRUE.equals(
                ((JavascriptExecutor) browser.driver).executeScript(
                        "return typeof Chart !== 'undefined' && !!Chart.getChart(document.getElementById('caseload-chart'))")));
    }

    /** The page reloaded at a phone's width (so the charts are drawn for it), as a screenshot. */
    private static Path redrawnAtPhoneWidth(String name) {
        org.openqa.selenium.Dimension before = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(Browser.PHONE, 900));
        try {
            browser.driver.navigate().refresh();
            awaitChartDrawn();
            return browser.screenshot(name, Browser.PHONE);
        } finally {
            browser.driver.manage().window().setSize(before);
            browser.driver.navigate().refresh();
        }
    }

    /** Clicks the middle of a coach's bar (the first data set), found by its label in the chart. */
    private static void clickBarOf(String label) {
        awaitChartDrawn();
        WebElement canvas = browser.find(By.id("caseload-chart"));
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
        @SuppressWarnings("unchecked")
        Map<String, Object> bar = (Map<String, Object>) ((JavascriptExecutor) browser.driver).executeScript("""
                const chart = Chart.getChart(arguments[0]);
                const index = chart.data.labels.indexOf(arguments[1]);
                const element = chart.getDatasetMeta(0).data[index];
                return {x: (element.x + element.base) / 2, y: element.y,
                        width: arguments[0].clientWidth, height: arguments[0].clientHeight};""", canvas, label);
        int x = (int) Math.round(((Number) bar.get("x")).doubleValue() - ((Number) bar.get("width")).doubleValue() / 2);
        int y = (int) Math.round(((Number) bar.get("y")).doubleValue() - ((Number) bar.get("height")).doubleValue() / 2);
        new Actions(browser.driver).moveToElement(canvas, x, y).click().perform();
        RunningPlatform.await(Duration.ofSeconds(20), "the list behind the bar",
                () -> browser.driver.getCurrentUrl().contains("/dashboard/families"));
    }

    /**
     * The README's screenshots of the dashboard, the top of the page (filter, caseload chart and tables), when
     * asked for: {@code -Ddocs.images=../docs/images} (a normal run writes only under target/).
     */
    private static void copyToDocs(Path desktop, Path phone) {
        String target = System.getProperty("docs.images");
        if (target == null || target.isBlank()) {
            return;
        }
        try {
            Path images = Files.createDirectories(Path.of(target));
            top(desktop, images.resolve("dashboard-1280.png"), 1320);
            top(phone, images.resolve("dashboard-375.png"), 1900);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void top(Path screenshot, Path target, int height) throws IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(screenshot.toFile());
        javax.imageio.ImageIO.write(image.getSubimage(0, 0, image.getWidth(), Math.min(height, image.getHeight())),
                "png", target.toFile());
    }

    private static String abbreviated(String trajectoryId) {
        return trajectoryId.length() <= 13 ? trajectoryId : trajectoryId.substring(0, 10) + "...";
    }

    private static void awaitActive(String coachId, int active) {
        RunningPlatform.await(PROJECTION_DEADLINE, coachId + "'s " + active + " families in the caseload view", () ->
                platform.view("/api/caseload/trajectories?coachId=" + coachId, "admin").body()
                        .contains("\"totalItems\":" + active + ","));
    }

    private static void signIn(String user) {
        browser.signIn(user);
    }

    private static void coach(String coachId, String name, String cluster, String fte) {
        platform.command("/api/coaches", """
                {"coachId": "%s", "name": "%s", "cluster": "%s", "fte": %s, "registeredOn": "2020-01-01"}"""
                .formatted(coachId, name, cluster, fte));
    }

    private static String refer(String name, String district, int daysAgo) {
        return platform.refer(name, district, TODAY.minusDays(daysAgo));
    }

    private static void assign(String trajectory, String coach, int daysAgo) {
        platform.assign(trajectory, coach, TODAY.minusDays(daysAgo));
    }
}
