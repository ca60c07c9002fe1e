package nl.gezinscoaching.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver: nothing is downloaded. Takes full-page
 * screenshots and runs axe-core, failing on any serious or critical violation of WCAG 2.1 A/AA.
 */
final class Browser implements AutoCloseable {

    static final int PHONE = 375;
    static final int DESKTOP = 1280;
    private static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    final ChromeDriver driver;
    private final Path screenshots;
    private final Path profile;

    private Browser(int width) {
        Path binary = Path.of(System.getProperty("browser.binary", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(binary) || !Files.isExecutable(chromedriver)) {
            throw new IllegalStateException("The browser tests need Debian's Chromium and its driver (" + binary + ", "
                    + chromedriver + "), which are not installed. Install them with: " + INSTALL);
        }
        try {
            profile = Files.createTempDirectory("chromium-profile");
            screenshots = Files.createDirectories(Path.of(System.getProperty("screenshots", "target/screenshots")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                // this machine's network is closed: no calls home, no component or sync downloads
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--disable-default-apps",
                "--user-data-dir=" + profile, "--lang=nl-NL", "--window-size=" + width + ",900");
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "nl-NL,nl"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** A browser the width of a phone ({@value #PHONE} px) or of a desktop. */
    static Browser ofWidth(int width) {
        return new Browser(width);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    String heading() {
        return find(By.tagName("h1")).getText();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Makes the window as wide as given and as tall as the page, so the screenshot shows the whole page. */
    Path screenshot(String name, int width) {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, 900));
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height + 120, 600), 6000)));
        Path file = screenshots.resolve(name + "-" + width + ".png");
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
        return file;
    }

    /** axe-core on the page as it is: fails on every serious or critical violation, naming rule and elements. */
    /** Signs in at the local identity provider's form, which the current page must be. */
    void signIn(String user) {
        String heading = heading();
        if (!"Aanmelden".equals(heading)) {
            throw new AssertionError("Expected the sign-in form, got the page " + heading);
        }
        find(By.id("username")).sendKeys(user);
        find(By.id("password")).sendKeys(user);
        find(By.cssSelector("main form button[type=submit]")).click();
        find(By.cssSelector("main h1"));
    }

    void assertAccessible(String page) {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        if (results.isErrored()) {
            throw new AssertionError("axe-core could not check " + page + ": " + results.getErrorMessage());
        }
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .toList();
        if (!serious.isEmpty()) {
            throw new AssertionError("Accessibility violations on " + page + " (" + driver.getCurrentUrl() + "):\n"
                    + serious.stream().map(rule -> "  " + rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp()
                            + " at " + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget()))
                            .collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n")));
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
