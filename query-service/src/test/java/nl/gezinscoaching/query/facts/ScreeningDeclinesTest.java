package nl.gezinscoaching.query.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.screening.FamilyScreened;
import nl.gezinscoaching.events.screening.Indication;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import nl.gezinscoaching.query.support.FixedClockConfiguration;
import nl.gezinscoaching.query.support.ViewClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The quality report's declines per contra-indication, from screenings projected by calling the handler
 * directly. "Today" is fixed at 22 November 2026.
 */
// the handlers are called here without a processor, so no token moves when rows change: views computed afresh
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "query.view-cache.enabled=false")
@org.springframework.test.annotation.DirtiesContext
@Import(FixedClockConfiguration.class)
class ScreeningDeclinesTest {

    private static final Set<Indication> INDICATIONS = Set.of(Indication.MIGRATION_BACKGROUND);
    private static final String YEAR = "/api/quality-report?from=2026-01-01&to=2026-11-22";

    @Autowired
    ManagementFactsProjection projection;

    @LocalServerPort
    int port;

    ViewClient views;

    @BeforeEach
    void givenScreenings() {
        projection.reset();
        views = new ViewClient(port);
        // s1: declined on two contra-indications in March; s2: on one in June
        declined("s1", LocalDate.of(2026, 3, 5), ContraIndication.SUICIDALITY, ContraIndication.SAFETY_RISK);
        declined("s2", LocalDate.of(2026, 6, 1), ContraIndication.SAFETY_RISK);
        // s3: a contra-indication held, but the senior coach accepted the family anyway
        projection.on(new FamilyScreened("s3", LocalDate.of(2026, 4, 1), INDICATIONS,
                Set.of(ContraIndication.SAFETY_RISK), true, "the threat has been dealt with"));
        // s4: no contra-indication; s5: declined before the period
        projection.on(new FamilyScreened("s4", LocalDate.of(2026, 4, 1), INDICATIONS, Set.of(), false, null));
        declined("s5", LocalDate.of(2025, 12, 1), ContraIndication.SEVERE_DISABILITY);
    }

    private void declined(String trajectoryId, LocalDate on, ContraIndication... holding) {
        projection.on(new FamilyScreened(trajectoryId, on, INDICATIONS, Set.of(holding), false, null));
        projection.on(new ReferralDeclined(trajectoryId, on, "contra-indication"));
    }

    private JsonNode declines(String query) {
        return views.json(query).get("declinesByContraIndication");
    }

    @Test
    void declinesAreCountedPerContraIndicationInThePeriod() {
        JsonNode year = declines(YEAR);
        assertThat(year.size()).as("every contra-indication, zero or not").isEqualTo(ContraIndication.values().length);
        assertThat(year.get("SAFETY_RISK").asInt()).isEqualTo(2);
        assertThat(year.get("SUICIDALITY").asInt()).isEqualTo(1);
        assertThat(year.get("SEVERE_DISABILITY").asInt()).as("declined before the period").isZero();
        assertThat(views.json(YEAR).get("referralsDeclined").asInt()).isEqualTo(2);

        JsonNode march = declines("/api/quality-report?from=2026-03-01&to=2026-03-31");
        assertThat(march.get("SAFETY_RISK").asInt()).isEqualTo(1);
        assertThat(march.get("SUICIDALITY").asInt()).isEqualTo(1);
    }

    @Test
    void anOverriddenScreeningIsNoDeclineEvenWhenItsReasonIsErased() {
        // after erasure the override reason reads as null; the overridden flag still says it was accepted
        projection.on(new FamilyScreened("s6", LocalDate.of(2026, 5, 1), INDICATIONS,
                Set.of(ContraIndication.SUICIDALITY), true, null));
        assertThat(declines(YEAR).get("SUICIDALITY").asInt()).isEqualTo(1);
    }

    @Test
    void aRedeliveredScreeningChangesNothing() {
        declined("s1", LocalDate.of(2026, 3, 5), ContraIndication.SUICIDALITY, ContraIndication.SAFETY_RISK);
        assertThat(declines(YEAR).get("SAFETY_RISK").asInt()).isEqualTo(2);
    }

    @Test
    void aReplayStartsFromAnEmptyTable() {
        projection.reset();
        assertThat(declines(YEAR).get("SAFETY_RISK").asInt()).isZero();
        declined("s1", LocalDate.of(2026, 3, 5), ContraIndication.SUICIDALITY, ContraIndication.SAFETY_RISK);
        assertThat(declines(YEAR).get("SAFETY_RISK").asInt()).isEqualTo(1);
    }

    @Test
    void theCsvReportHasARowPerContraIndication() {
        assertThat(views.get("/api/quality-report?from=2026-01-01", "text/csv").body().lines())
                .contains("\"declinesByContraIndication.SAFETY_RISK\",2", "\"declinesByContraIndication.SUICIDALITY\",1",
                        "\"declinesByContraIndication.PARENTS_REFUSE_HELP\",0");
    }
}
