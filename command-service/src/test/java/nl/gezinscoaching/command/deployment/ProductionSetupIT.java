package nl.gezinscoaching.command.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import nl.gezinscoaching.platform.deployment.UnsafeDeploymentException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The command service as production runs it: not the local profile, its own secrets, users with hashed
 * passwords, behind a TLS-terminating proxy. It refuses to start without those; once configured, browsers
 * get a Secure session cookie and HSTS, no Basic challenge, and CSRF protection on their session; the
 * metrics scraper reads metrics and nothing else.
 */
class ProductionSetupIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String baseUrl;

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @BeforeAll
    static void start() {
        postgres = EmbeddedDatabase.start(null, 0);
        app = CommandServiceApplication.application().run(production(true));
        baseUrl = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    /** A production's settings: its own secrets, users with hashed passwords; password sign-in as asked. */
    private static String[] production(boolean passwordLogin) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=production", "--server.port=0",
                "--spring.datasource.url=" + EmbeddedDatabase.jdbcUrl(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--platform.crypto.master-key-id=k2026", "--platform.crypto.master-keys.k2026=" + randomKey(),
                "--platform.crypto.reference-key=" + randomKey(),
                "--platform.erasure-register.key=" + randomKey(),
                // the test configuration gives each context a register of its own: an anchor file of its own too
                "--platform.erasure-register.anchor-file=${java.io.tmpdir}/gezinscoaching-erasure-register/${random.uuid}.anchor",
                "--platform.security.users[0].username=beheer",
                "--platform.security.users[0].password={bcrypt}" + bcrypt.encode("een lang wachtwoord"),
                "--platform.security.users[0].roles[0]=ADMIN",
                "--platform.security.users[1].username=prometheus",
                "--platform.security.users[1].password={bcrypt}" + bcrypt.encode("scrape-secret"),
                "--platform.security.users[1].roles[0]=METRICS"));
        if (passwordLogin) {
            arguments.add("--platform.security.password-login=true"); // off in production unless enabled
        }
        return arguments.toArray(String[]::new);
    }

    @Test
    void withoutPasswordLoginSwitchedOnNeitherBasicNorTheLoginFormSignsAnyoneIn() throws Exception {
        try (ConfigurableApplicationContext oidcOnly = CommandServiceApplication.application().run(production(false))) {
            String url = "http://localhost:" + oidcOnly.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> basic = send(HTTP, HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                    .header("Authorization", basic("prometheus", "scrape-secret")));
            assertThat(basic.statusCode()).as("a valid Basic sign-in").isEqualTo(401);
            HttpResponse<String> login = send(HTTP, HttpRequest.newBuilder(URI.create(url + "/login"))
                    .header("X-Forwarded-Proto", "https"));
            assertThat(login.statusCode()).as("no login form").isNotEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        app.close();
        postgres.close();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    @Test
    void aMisspelledProfileRefusesToStartAndNamesWhatIsMissing() {
        assertThatThrownBy(() -> CommandServiceApplication.application().run("--spring.profiles.active=prodution",
                "--platform.crypto.master-key-id=development",
                "--platform.crypto.master-keys.development=sFowr47S/uE6rz4APk+RRCGdITh/l+687yZRtGNf758="))
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .containsExactly(
                                "platform.crypto.master-keys.development is the repository's development master key",
                                "platform.crypto.reference-key is not set",
                                "platform.erasure-register.key is not set",
                                "platform.erasure-register.anchor-file is not set"));
    }

    @Test
    void withoutAnyProfileTheDemoUsersAndDevelopmentKeysAreNotLoaded() {
        assertThatThrownBy(() -> CommandServiceApplication.application().run("--spring.profiles.active="))
                .isInstanceOfSatisfying(UnsafeDeploymentException.class, refused -> assertThat(refused.problems())
                        .contains("platform.crypto.master-key-id is not set (the master key that wraps the families' data keys)",
                                "platform.crypto.reference-key is not set"));
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
        HttpResponse<String> loginPage = send(HTTP, request("/login").header("X-Forwarded-Proto", "https"));
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));
        assertThat(loginPage.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly").contains("SameSite=Strict"));

        HttpResponse<String> plain = send(HttpClient.newHttpClient(), request("/login"));
        assertThat(plain.headers().firstValue("Strict-Transport-Security"))
                .as("HSTS only over HTTPS (RFC 6797)").isEmpty();
    }

    @Test
    void anUnauthenticatedCallGetsNoBasicChallenge() throws Exception {
        HttpResponse<String> response = send(HTTP, request("/api/coaches").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .isNotEmpty().noneSatisfy(challenge -> assertThat(challenge).startsWithIgnoringCase("Basic"));
    }

    @Test
    void aBrowserSessionCannotPostWithoutItsCsrfToken() throws Exception {
        // the session cookie is Secure: sent by hand, as a browser would over HTTPS
        HttpResponse<String> loginPage = send(HTTP, request("/login").header("X-Forwarded-Proto", "https"));
        String session = sessionCookie(loginPage);
        HttpResponse<String> login = send(HTTP, request("/login").header("X-Forwarded-Proto", "https")
                .header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=beheer&password="
                        + URLEncoder.encode("een lang wachtwoord", StandardCharsets.UTF_8)
                        + "&_csrf=" + csrfToken(loginPage.body()))));
        assertThat(login.statusCode()).as("signed in, redirected").isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).doesNotContain("error"));
        String signedIn = sessionCookie(login);

        HttpResponse<String> forged = send(HTTP, request("/api/coaches").header("X-Forwarded-Proto", "https")
                .header("Cookie", signedIn).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"coachId": "eve", "name": "Eve", "cluster": "Noord", "fte": 1.0}""")));

        assertThat(forged.statusCode()).as("the session alone does not authorise a state change").isEqualTo(403);
        assertThat(forged.body()).contains("forbidden");
        assertThat(app.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isZero();
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie"));
    }

    @Test
    void aClientWithItsOwnCredentialsNeedsNoCsrfToken() throws Exception {
        HttpResponse<String> response = send(HTTP, request("/api/coaches").header("Content-Type", "application/json")
                .header("Authorization", basic("beheer", "een lang wachtwoord"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).as("past security, refused by validation").isEqualTo(400);
    }

    @Test
    void theMetricsScraperReadsMetricsAndNothingElse() throws Exception {
        String scraper = basic("prometheus", "scrape-secret");
        assertThat(send(HTTP, request("/actuator/prometheus").header("Authorization", scraper)).statusCode())
                .isEqualTo(200);
        for (String path : List.of("/api/families/any/erasure", "/api/coaches", "/api/referrals")) {
            assertThat(send(HTTP, request(path).header("Authorization", scraper).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(send(HTTP, request("/actuator/env").header("Authorization", scraper)).statusCode()).isEqualTo(403);
    }

    private static String csrfToken(String loginPage) {
        Matcher matcher = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(matcher.find()).as("the login form carries a CSRF token").isTrue();
        return matcher.group(1);
    }
}
