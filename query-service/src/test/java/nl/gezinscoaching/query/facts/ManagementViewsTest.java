package nl.gezinscoaching.query.facts;

import nl.gezinscoaching.events.contact.VisitLocation;
import static java.time.temporal.ChronoUnit.DAYS;
import static nl.gezinscoaching.query.support.FixedClockConfiguration.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;
import nl.gezinscoaching.events.agency.FamilyReferredToAgency;
import nl.gezinscoaching.events.agency.WarmHandoverDone;
import nl.gezinscoaching.events.coach.CoachRegistered;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.GoalEvaluated;
import nl.gezinscoaching.events.plan.GoalSet;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.CoachReassigned;
import nl.gezinscoaching.events.trajectory.ExtensionGranted;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;
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
 * The management facts projection, driven by calling its handlers directly, read back through the
 * caseload, overrun, waiting-list and quality views. "Today" is fixed at 22 November 2026.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the durations' arithmetic on a handful of families; the k-anonymity rule has its own tests
        // (KAnonymityTest, EventExportIT.theDurationsExportGeneralisesARareLanguage)
        // the handlers are called here without a processor, so no token moves when rows change: views computed
        // afresh (the cache has its own test, ViewCacheIT)
        properties = {"analytics.k-anonymity.k=1", "query.view-cache.enabled=false"})
// a context of its own (its k): closed after the class, so its processors do not load the other tests
@org.springframework.test.annotation.DirtiesContext
@Import(FixedClockConfiguration.class)
class ManagementViewsTest {

    @Autowired
    ManagementFactsProjection projection;

    @LocalServerPort
    int port;

    ViewClient views;

    @BeforeEach
    void givenATeamAndTheirFamilies() {
        projection.reset();
        views = new ViewClient(port);

        projection.on(new CoachRegistered("anna", "Anna", "Zuid-West", new BigDecimal("0.5"), date(2025, 1, 1)));
        projection.on(new CoachRegistered("bram", "Bram", "Zuid-West", BigDecimal.ONE, date(2025, 1, 1)));
        projection.on(new CoachRegistered("cor", "Cor", "Centrum", BigDecimal.ONE, date(2025, 1, 1)));

        // t1: with anna since 10 January, 2 months of extension, waiting for mental health care since 1 March
        projection.on(referred("t1", date(2026, 1, 5), "Escamp"));
        projection.on(new CoachAssigned("t1", "anna", date(2026, 1, 10)), 1);
        projection.on(new FamilyReferredToAgency("t1", "a1", "GGZ", date(2026, 3, 1)));
        projection.on(new ExtensionGranted("t1", date(2026, 6, 1), 2, "wachtlijst GGZ"), 3);
        // t2: anna, then cor from 1 May; three visits, two goals; dropped out on 1 October
        projection.on(referred("t2", date(2026, 2, 1), "Centrum"));
        projection.on(new CoachAssigned("t2", "anna", date(2026, 2, 3)), 1);
        projection.on(new HomeVisitHeld("t2", "v1", date(2026, 2, 10), 60, false, null, VisitLocation.HOME), 2);
        projection.on(new HomeVisitHeld("t2", "v2", date(2026, 3, 10), 60, false, null, VisitLocation.HOME), 3);
        projection.on(new CoachReassigned("t2", "anna", "cor", date(2026, 5, 1)), 4);
        projection.on(new HomeVisitHeld("t2", "v3", date(2026, 5, 10), 60, false, null, VisitLocation.HOME), 5);
        projection.on(new GoalSet("t2", "g1", "x", LifeDomain.FINANCES, date(2026, 3, 1),
                List.of(Subgoal.PARENTING_CONFIDENCE, Subgoal.KEEPS_PARENTING_NETWORK)));
        projection.on(new GoalSet("t2", "g2", "y", LifeDomain.PARENTING, date(2026, 3, 1), List.of()));
        projection.on(new FamilyReferredToAgency("t2", "a2", "Schuldhulp", date(2026, 3, 1)));
        projection.on(new WarmHandoverDone("t2", "a2", date(2026, 3, 21)));
        projection.on(new GoalEvaluated("t2", "g1", GoalAttainment.FULLY, date(2026, 9, 20)));
        projection.on(new GoalEvaluated("t2", "g2", GoalAttainment.WORSENED, date(2026, 9, 20)));
        projection.on(new TrajectoryClosed("t2", date(2026, 10, 1), ClosureReason.DROPPED_OUT, 6, null, null));
        // t3: waiting for a coach since 1 November; t4: declined
        projection.on(referred("t3", date(2026, 11, 1), "Escamp"));
        projection.on(referred("t4", date(2026, 3, 1), "Laak"));
        projection.on(new ReferralDeclined("t4", date(2026, 3, 5), "contra-indicatie"));
        // t5..t10: six more families for anna since 1 August
        for (int i = 5; i <= 10; i++) {
            projection.on(referred("t" + i, date(2026, 7, 20), "Escamp"));
            projection.on(new CoachAssigned("t" + i, "anna", date(2026, 8, 1)), 1);
        }
    }

    @Test
    void caseloadCountsActiveFamiliesPerCoachAgainstTheNormProRata() {
        JsonNode caseload = views.json("/api/caseload");
        assertThat(caseload.get("asOf").asString()).isEqualTo("2026-11-22");

        JsonNode anna = coach(caseload, "anna");
        assertThat(anna.get("activeTrajectories").asInt()).isEqualTo(7);
        assertThat(anna.get("capacity").decimalValue()).isEqualByComparingTo("5.5");
        assertThat(anna.get("overCapacity").asBoolean()).isTrue();
        assertThat(coach(caseload, "bram").get("activeTrajectories").asInt()).isZero();
        assertThat(coach(caseload, "bram").get("capacity").decimalValue()).isEqualByComparingTo("11");
        assertThat(coach(caseload, "cor").get("activeTrajectories").asInt()).as("t2 is closed").isZero();

        JsonNode zuidWest = find(caseload.get("clusters"), "cluster", "Zuid-West");
        assertThat(zuidWest.get("coaches").asInt()).isEqualTo(2);
        assertThat(zuidWest.get("activeTrajectories").asInt()).isEqualTo(7);
        assertThat(zuidWest.get("capacity").decimalValue()).isEqualByComparingTo("16.5");
        assertThat(zuidWest.get("overCapacity").asBoolean()).isFalse();

        JsonNode escamp = find(caseload.get("districts"), "district", "Escamp");
        assertThat(escamp.get("activeTrajectories").asInt()).isEqualTo(7);
        assertThat(escamp.get("waitingForCoach").asInt()).isEqualTo(1);
    }

    @Test
    void caseloadOnAPastDayFollowsAssignmentsReassignmentsAndClosures() {
        JsonNode april = views.json("/api/caseload?asOf=2026-04-01");
        assertThat(coach(april, "anna").get("activeTrajectories").asInt()).isEqualTo(2);
        assertThat(coach(april, "cor").get("activeTrajectories").asInt()).isZero();

        JsonNode june = views.json("/api/caseload?asOf=2026-06-01");
        assertThat(coach(june, "anna").get("activeTrajectories").asInt()).isEqualTo(1);
        assertThat(coach(june, "cor").get("activeTrajectories").asInt()).isEqualTo(1);

        JsonNode dayOfClosure = views.json("/api/caseload?asOf=2026-10-01");
        assertThat(coach(dayOfClosure, "cor").get("activeTrajectories").asInt()).isZero();
    }

    @Test
    void aCoachsPeriodEndsAtTheNextAssignmentOrTheClosureInWhicheverOrderTheyAreWritten() {
        // a batch of events reaches the database grouped by statement: the closure may come before the assignments
        projection.on(referred("t20", date(2026, 4, 1), "Laak"));
        projection.on(new TrajectoryClosed("t20", date(2026, 6, 1), ClosureReason.FAMILY_IN_CONTROL, 8, 8, null));
        projection.on(new CoachReassigned("t20", "bram", "cor", date(2026, 5, 1)), 2);
        projection.on(new CoachAssigned("t20", "bram", date(2026, 4, 5)), 1);

        assertThat(coach(views.json("/api/caseload?asOf=2026-04-10"), "bram").get("activeTrajectories").asInt()).isEqualTo(1);
        assertThat(coach(views.json("/api/caseload?asOf=2026-05-10"), "bram").get("activeTrajectories").asInt()).isZero();
        assertThat(coach(views.json("/api/caseload?asOf=2026-05-10"), "cor").get("activeTrajectories").asInt())
                .as("t20, and t2 since 1 May").isEqualTo(2);
        assertThat(coach(views.json("/api/caseload?asOf=2026-06-01"), "cor").get("activeTrajectories").asInt())
                .as("t20 closed that day").isEqualTo(1);
        assertThat(views.json("/api/overruns").toString()).doesNotContain("t20");
    }

    @Test
    void overrunsListOpenTrajectoriesPastNormPlusExtensions() {
        JsonNode overruns = views.json("/api/overruns");
        JsonNode trajectories = overruns.get("trajectories");
        assertThat(trajectories.size()).isEqualTo(1);
        JsonNode t1 = trajectories.get(0);
        assertThat(t1.get("trajectoryId").asString()).isEqualTo("t1");
        assertThat(t1.get("coachId").asString()).isEqualTo("anna");
        assertThat(t1.get("assignedOn").asString()).isEqualTo("2026-01-10");
        assertThat(t1.get("plannedEndOn").asString()).isEqualTo("2026-09-10");
        assertThat(t1.get("daysOver").asLong()).isEqualTo(DAYS.between(date(2026, 9, 10), TODAY));
        assertThat(t1.get("waitingOnAgency").asBoolean()).isTrue();
    }

    @Test
    void waitingListShowsFamiliesWaitingForACoachAndForAnAgency() {
        JsonNode waiting = views.json("/api/waiting-list");
        assertThat(waiting.get("awaitingCoach").size()).isEqualTo(1);
        assertThat(waiting.get("awaitingCoach").get(0).get("trajectoryId").asString()).isEqualTo("t3");
        assertThat(waiting.get("awaitingCoach").get(0).get("daysWaiting").asLong()).isEqualTo(21);

        assertThat(waiting.get("awaitingAgency").size()).as("a2 was handed over").isEqualTo(1);
        JsonNode a1 = waiting.get("awaitingAgency").get(0);
        assertThat(a1.get("agency").asString()).isEqualTo("GGZ");
        assertThat(a1.get("daysWaiting").asLong()).isEqualTo(DAYS.between(date(2026, 3, 1), TODAY));

        JsonNode ggz = find(waiting.get("perAgency"), "agency", "GGZ");
        assertThat(ggz.get("waiting").asInt()).isEqualTo(1);
        JsonNode schuldhulp = find(waiting.get("perAgency"), "agency", "Schuldhulp");
        assertThat(schuldhulp.get("waiting").asInt()).isZero();
        assertThat(schuldhulp.get("medianDaysToWarmHandover").asDouble()).isEqualTo(20.0);
    }

    @Test
    void aClusterOrADistrictNarrowsTheCaseloadItsTrendAndTheTrajectoriesBehindIt() {
        JsonNode zuidWest = views.json("/api/caseload?cluster=Zuid-West");
        assertThat(zuidWest.get("coaches").findValuesAsString("coachId")).containsExactly("anna", "bram");
        assertThat(zuidWest.get("clusters").findValuesAsString("cluster")).containsExactly("Zuid-West");
        assertThat(zuidWest.get("filter").get("cluster").asString()).isEqualTo("Zuid-West");

        assertThat(coach(views.json("/api/caseload?district=Escamp"), "anna").get("activeTrajectories").asInt())
                .isEqualTo(7);
        JsonNode laak = views.json("/api/caseload?district=Laak");
        assertThat(coach(laak, "anna").get("activeTrajectories").asInt()).isZero();
        assertThat(laak.get("districts").findValuesAsString("district")).containsExactly("Laak");

        JsonNode annas = views.json("/api/caseload/trajectories?coachId=anna&size=5");
        assertThat(annas.get("page").get("totalItems").asLong()).isEqualTo(7);
        assertThat(annas.get("trajectories").size()).isEqualTo(5);
        assertThat(annas.get("trajectories").get(0).get("trajectoryId").asString()).as("longest with anna first")
                .isEqualTo("t1");
        assertThat(annas.get("trajectories").get(0).get("district").asString()).isEqualTo("Escamp");
        assertThat(views.json("/api/caseload/trajectories?cluster=Centrum").get("page").get("totalItems").asLong())
                .as("t2 with cor is closed").isZero();
        assertThat(views.json("/api/caseload/trajectories?asOf=2026-06-01&cluster=Centrum").get("trajectories")
                .findValuesAsString("trajectoryId")).containsExactly("t2");
        assertThat(views.get("/api/caseload/trajectories?coachId=anna", "text/csv").body().lines().count())
                .as("header and seven rows").isEqualTo(8);

        JsonNode trend = views.json("/api/caseload/trend?months=12");
        JsonNode points = trend.get("points");
        assertThat(points.size()).isEqualTo(12);
        assertThat(points.get(0).get("asOf").asString()).isEqualTo("2025-12-22");
        assertThat(points.get(0).get("activeTrajectories").asInt()).isZero();
        assertThat(points.get(0).get("coaches").asInt()).isEqualTo(3);
        assertThat(points.get(4).get("asOf").asString()).isEqualTo("2026-04-22");
        assertThat(points.get(4).get("activeTrajectories").asInt()).as("t1 and t2 with anna").isEqualTo(2);
        assertThat(points.get(11).get("asOf").asString()).isEqualTo("2026-11-22");
        assertThat(points.get(11).get("activeTrajectories").asInt()).isEqualTo(7);
        assertThat(points.get(11).get("capacity").decimalValue()).isEqualByComparingTo("27.5");
        assertThat(points.get(11).get("coachesOverCapacity").asInt()).as("anna").isEqualTo(1);
        assertThat(views.json("/api/caseload/trend?months=3&cluster=Centrum").get("points").get(2)
                .get("activeTrajectories").asInt()).isZero();
    }

    @Test
    void aSeniorCoachSeesOnlyTheFiguresOfHerOwnCluster() {
        projection.on(new CoachRegistered("nora", "Nora", "Noord", BigDecimal.ONE, date(2025, 1, 1)));
        projection.on(referred("t11", date(2026, 1, 2), "Noord"));
        projection.on(new CoachAssigned("t11", "nora", date(2026, 1, 5)), 1);
        projection.on(new FamilyReferredToAgency("t11", "a11", "GGZ", date(2026, 10, 1)));
        ViewClient sanne = new ViewClient(port, "sanne", "sanne");

        JsonNode caseload = sanne.json("/api/caseload");
        assertThat(caseload.get("coaches").findValuesAsString("coachId")).containsExactly("nora");
        assertThat(caseload.get("filter").get("cluster").asString()).isEqualTo("Noord");
        assertThat(sanne.json("/api/caseload/trajectories").get("trajectories").findValuesAsString("trajectoryId"))
                .containsExactly("t11");
        assertThat(sanne.json("/api/overruns").get("trajectories").findValuesAsString("trajectoryId"))
                .containsExactly("t11");
        JsonNode waiting = sanne.json("/api/waiting-list");
        assertThat(waiting.get("awaitingAgency").findValuesAsString("trajectoryId")).containsExactly("t11");
        assertThat(find(waiting.get("perAgency"), "agency", "GGZ").get("waiting").asInt()).isEqualTo(1);
        assertThat(waiting.get("awaitingCoach").findValuesAsString("trajectoryId"))
                .as("a family waiting for a coach has no cluster yet").containsExactly("t3");

        for (String other : List.of("/api/caseload?cluster=Zuid-West", "/api/caseload/trend?cluster=Centrum",
                "/api/caseload/trajectories?cluster=Zuid-West", "/api/overruns?cluster=Zuid-West",
                "/api/waiting-list?cluster=Zuid-West")) {
            assertThat(sanne.get(other, "application/json").status()).as(other).isEqualTo(403);
        }
        assertThat(views.json("/api/overruns?cluster=Zuid-West").get("trajectories").findValuesAsString("trajectoryId"))
                .as("a manager's filter").containsExactly("t1");
        assertThat(views.json("/api/overruns?coachId=nora").get("trajectories").findValuesAsString("trajectoryId"))
                .containsExactly("t11");
    }

    @Test
    void theWaitingListIsNarrowedByAgencyDistrictAndCluster() {
        assertThat(views.json("/api/waiting-list?agency=GGZ").get("awaitingAgency").size()).isEqualTo(1);
        assertThat(views.json("/api/waiting-list?agency=Schuldhulp").get("awaitingAgency").size()).isZero();
        assertThat(views.json("/api/waiting-list?district=Laak").get("awaitingCoach").size()).isZero();
        assertThat(views.json("/api/waiting-list?district=Escamp").get("awaitingCoach").size()).isEqualTo(1);
        JsonNode centrum = views.json("/api/waiting-list?cluster=Centrum");
        assertThat(centrum.get("awaitingAgency").size()).as("t1's coach is of Zuid-West").isZero();
        assertThat(centrum.get("perAgency").findValuesAsString("agency")).as("t2 is cor's now")
                .containsExactly("Schuldhulp");
        assertThat(views.get("/api/waiting-list?agency=" + "x".repeat(201), "application/json").status())
                .isEqualTo(400);
    }

    @Test
    void qualityReportCountsThePeriod() {
        JsonNode report = views.json("/api/quality-report?from=2026-01-01&to=2026-11-22");
        assertThat(report.get("referralsReceived").asInt()).isEqualTo(10);
        assertThat(report.get("referralsDeclined").asInt()).isEqualTo(1);
        assertThat(report.get("familiesStarted").asInt()).isEqualTo(8);
        assertThat(report.get("familiesClosed").asInt()).isEqualTo(1);
        assertThat(report.get("closuresByReason").get("DROPPED_OUT").asInt()).isEqualTo(1);
        assertThat(report.get("dropOutShare").asDouble()).isEqualTo(1.0);
        assertThat(report.get("homeVisits").asInt()).isEqualTo(3);
        assertThat(report.get("homeVisitsPerClosedFamily").asDouble()).isEqualTo(3.0);
        assertThat(report.get("goalsSet").asInt()).isEqualTo(2);
        assertThat(report.get("goalAttainment").get("FULLY").asInt()).isEqualTo(1);
        assertThat(report.get("goalAttainment").get("WORSENED").asInt()).isEqualTo(1);
        assertThat(report.get("goalsAchievedShare").asDouble()).isEqualTo(0.5);
        JsonNode bySubgoal = report.get("goalAttainmentBySubgoal");
        assertThat(bySubgoal.propertyNames()).as("the nine subgoals in order, then the goals linked to none")
                .containsExactly("KNOWS_DUTCH_PARENTING_NORMS", "BOTH_PARENTS_CONTRIBUTE", "CAN_VOICE_PARENTING_VALUES",
                        "POSITIVE_RELATIONSHIP_WITH_CHILD", "PARENTING_CONFIDENCE", "IMPROVED_PARENTING_SKILLS",
                        "OWN_PARENTING_STYLE", "USES_PARENTING_SUPPORT", "KEEPS_PARENTING_NETWORK", "NOT_LINKED");
        assertThat(bySubgoal.get("PARENTING_CONFIDENCE").get("attainment").get("FULLY").asInt()).isEqualTo(1);
        assertThat(bySubgoal.get("PARENTING_CONFIDENCE").get("evaluated").asInt()).isEqualTo(1);
        assertThat(bySubgoal.get("PARENTING_CONFIDENCE").get("achievedShare").asDouble()).isEqualTo(1.0);
        assertThat(bySubgoal.get("KEEPS_PARENTING_NETWORK").get("attainment").get("FULLY").asInt()).isEqualTo(1);
        assertThat(bySubgoal.get("NOT_LINKED").get("attainment").get("WORSENED").asInt()).isEqualTo(1);
        assertThat(bySubgoal.get("NOT_LINKED").get("achievedShare").asDouble()).isEqualTo(0.0);
        assertThat(bySubgoal.get("KNOWS_DUTCH_PARENTING_NORMS").get("evaluated").asInt()).isZero();
        assertThat(bySubgoal.get("KNOWS_DUTCH_PARENTING_NORMS").get("achievedShare").isNull()).isTrue();
        assertThat(report.get("clientSatisfaction").get("mean").asDouble()).isEqualTo(6.0);
        assertThat(report.get("referrerSatisfaction").get("answered").asInt()).isZero();
        assertThat(report.get("medianDaysReferralToAssignment").asDouble()).isEqualTo(12.0);
        assertThat(report.get("medianDaysAssignmentToClosure").asDouble())
                .isEqualTo((double) DAYS.between(date(2026, 2, 3), date(2026, 10, 1)));

        JsonNode march = views.json("/api/quality-report?from=2026-03-01&to=2026-03-31");
        assertThat(march.get("referralsReceived").asInt()).isEqualTo(1);
        assertThat(march.get("homeVisits").asInt()).isEqualTo(1);
        assertThat(march.get("familiesClosed").asInt()).isZero();
        assertThat(march.get("dropOutShare").isNull()).isTrue();
    }

    @Test
    void theFamiliesBehindEachFigureOfTheQualityReportAreListed() {
        String period = "from=2026-01-01&to=2026-11-22";
        JsonNode received = views.json("/api/quality-report/trajectories?measure=RECEIVED&" + period);
        assertThat(received.get("page").get("totalItems").asInt()).as("the report's referralsReceived").isEqualTo(10);
        assertThat(ids(received)).startsWith("t1", "t2", "t4").contains("t3");

        JsonNode started = views.json("/api/quality-report/trajectories?measure=STARTED&" + period);
        assertThat(ids(started)).as("by day, then by id").containsExactly("t1", "t2", "t10", "t5", "t6", "t7", "t8", "t9");
        assertThat(started.get("trajectories").get(0).get("days").asInt()).as("t1: referred 5, assigned 10 January")
                .isEqualTo(5);

        JsonNode declined = views.json("/api/quality-report/trajectories?measure=DECLINED&" + period);
        assertThat(ids(declined)).containsExactly("t4");

        JsonNode dropOuts = views.json("/api/quality-report/trajectories?measure=CLOSED&value=DROPPED_OUT&" + period);
        JsonNode t2 = dropOuts.get("trajectories").get(0);
        assertThat(ids(dropOuts)).containsExactly("t2");
        assertThat(t2.get("coachId").asString()).as("the current coach").isEqualTo("cor");
        assertThat(t2.get("district").asString()).isEqualTo("Centrum");
        assertThat(t2.get("days").asInt()).isEqualTo((int) DAYS.between(date(2026, 2, 3), date(2026, 10, 1)));
        assertThat(t2.get("clientSatisfaction").asInt()).isEqualTo(6);
        assertThat(t2.get("referrerSatisfaction").isNull()).isTrue();
        assertThat(ids(views.json("/api/quality-report/trajectories?measure=CLOSED&value=MOVED_AWAY&" + period))).isEmpty();

        JsonNode visits = views.json("/api/quality-report/trajectories?measure=HOME_VISITS&" + period);
        assertThat(ids(visits)).containsExactly("t2");
        assertThat(visits.get("trajectories").get(0).get("count").asInt()).as("the report's homeVisits").isEqualTo(3);
        JsonNode march = views.json("/api/quality-report/trajectories?measure=HOME_VISITS&from=2026-03-01&to=2026-03-31");
        assertThat(march.get("trajectories").get(0).get("count").asInt()).isEqualTo(1);

        JsonNode fully = views.json("/api/quality-report/trajectories?measure=GOALS_EVALUATED&value=FULLY&" + period);
        assertThat(ids(fully)).containsExactly("t2");
        assertThat(fully.get("trajectories").get(0).get("count").asInt()).isEqualTo(1);
        assertThat(views.json("/api/quality-report/trajectories?measure=GOALS_SET&" + period)
                .get("trajectories").get(0).get("count").asInt()).isEqualTo(2);

        assertThat(views.get("/api/quality-report/trajectories?measure=CLOSED&" + period, "text/csv").body().lines())
                .hasSize(2).first().asString().contains("trajectoryId");
        assertThat(views.get("/api/quality-report/trajectories?measure=VISITS", "application/json").status())
                .as("an unknown measure").isEqualTo(400);
        assertThat(views.get("/api/quality-report/trajectories?measure=CLOSED&from=2026-05-01&to=2026-04-01",
                "application/json").status()).isEqualTo(400);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new java.util.ArrayList<>();
        list.get("trajectories").forEach(row -> ids.add(row.get("trajectoryId").asString()));
        return ids;
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        projection.on(new CoachAssigned("t3", "bram", date(2026, 11, 20)), 1);
        projection.on(new CoachAssigned("t3", "bram", date(2026, 11, 20)), 1);
        projection.on(new HomeVisitHeld("t2", "v3", date(2026, 5, 10), 60, false, null, VisitLocation.HOME), 5);
        assertThat(coach(views.json("/api/caseload"), "bram").get("activeTrajectories").asInt()).isEqualTo(1);
        assertThat(views.json("/api/quality-report?from=2026-01-01&to=2026-11-22").get("homeVisits").asInt())
                .isEqualTo(3);
    }

    @Test
    void everyViewAnswersInCsvToo() {
        ViewClient.Answer caseload = views.get("/api/caseload", "text/csv");
        assertThat(caseload.status()).isEqualTo(200);
        assertThat(caseload.contentType()).startsWith("text/csv");
        List<String> lines = caseload.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\"coachId\",\"name\",\"cluster\",\"fte\",\"activeTrajectories\",\"capacity\",\"overCapacity\"");
        assertThat(lines).contains("\"anna\",\"Anna\",\"Zuid-West\",0.5,7,5.5,true");

        assertThat(views.get("/api/overruns", "text/csv").body().lines()).anyMatch(l -> l.startsWith("\"t1\",\"anna\",\"2026-01-10\",2,"));
        assertThat(views.get("/api/waiting-list", "text/csv").body().lines()).contains("\"COACH\",\"t3\",\"Escamp\",,\"2026-11-01\",21");
        assertThat(views.get("/api/quality-report?from=2026-01-01", "text/csv").body().lines())
                .contains("\"familiesClosed\",1", "\"goalAttainment.FULLY\",1", "\"dropOutShare\",1.0",
                        "\"goalAttainmentBySubgoal.PARENTING_CONFIDENCE.FULLY\",1",
                        "\"goalAttainmentBySubgoal.NOT_LINKED.WORSENED\",1");
    }

    @Test
    void analystsExportDurationsUnderPseudonymsWithoutIdsOrDates() {
        ViewClient analyst = new ViewClient(port, "ali", "ali");
        JsonNode rows = analyst.json("/api/analytics/durations").get("rows");
        assertThat(rows.size()).isEqualTo(10);
        String export = analyst.get("/api/analytics/durations", "text/csv").body();
        assertThat(export).doesNotContain("\"t1\"", "\"t2\"", "2026-01-05", "2026-01-10");
        JsonNode t1 = StreamSupport.stream(rows.spliterator(), false)
                .filter(r -> r.get("extensionMonths").asInt() == 2).findFirst().orElseThrow();
        assertThat(t1.get("pseudonym").asString()).hasSize(32).isNotEqualTo("t1");
        assertThat(t1.get("referralMonth").asString()).isEqualTo("2026-01");
        assertThat(t1.get("daysReferralToAssignment").asInt()).isEqualTo(5);
        assertThat(t1.get("cluster").asString()).isEqualTo("Zuid-West");
        assertThat(t1.get("daysLongestAgencyWait").asLong()).isEqualTo(DAYS.between(date(2026, 3, 1), TODAY));
        assertThat(analyst.json("/api/analytics/durations").get("rows").get(0).get("pseudonym").asString())
                .as("stable pseudonyms").isEqualTo(rows.get(0).get("pseudonym").asString());
    }

    @Test
    void retentionListsFilesTwentyYearsAfterClosure() {
        projection.on(referred("t-old", date(2004, 1, 5), "Centrum"));
        projection.on(new TrajectoryClosed("t-old", date(2005, 6, 1), ClosureReason.FAMILY_IN_CONTROL, null, null, null));
        JsonNode retention = views.json("/api/retention");
        assertThat(retention.get("retentionYears").asInt()).isEqualTo(20);
        assertThat(retention.get("due").size()).as("t2 closed this year is not due").isEqualTo(1);
        JsonNode due = retention.get("due").get(0);
        assertThat(due.get("trajectoryId").asString()).isEqualTo("t-old");
        assertThat(due.get("retentionEndsOn").asString()).isEqualTo("2025-06-01");
        assertThat(due.get("daysOverdue").asLong()).isEqualTo(DAYS.between(date(2025, 6, 1), TODAY));
        assertThat(views.json("/api/retention?asOf=2025-05-31").get("due").size()).isZero();
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() {
        ViewClient.Answer answer = views.get("/api/quality-report?from=2026-05-01&to=2026-04-01", "application/json");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
        assertThat(views.get("/api/caseload?asOf=yesterday", "application/json").status()).isEqualTo(400);
    }

    @Test
    void aDayOutsideTheSupportedRangeIsRefusedNamingTheParameterAndTheRange() {
        // '+' must be sent as %2B in a query string, or it arrives as a space
        // a year beyond 9999 needs its sign in ISO 8601: without it the day is not a date at all
        java.util.Map<String, String> extremes = java.util.Map.of("0001-01-01", "supported-date",
                "%2B999999999-12-31", "supported-date", "%2B99999-01-01", "supported-date", "-0001-01-01",
                "supported-date", "1899-12-31", "supported-date", "3000-01-01", "supported-date",
                "99999-01-01", "iso-date");
        List<String> wrong = new java.util.ArrayList<>();
        for (String day : extremes.keySet()) {
            for (String query : List.of("/api/caseload?asOf=", "/api/retention?asOf=", "/api/quality-report?from=",
                    "/api/quality-report?from=1900-01-01&to=")) {
                String field = query.replaceAll(".*[?&]", "").replace("=", "");
                for (String accept : List.of("application/json", "text/csv")) {
                    ViewClient.Answer answer = views.get(query + day, accept);
                    String rule = answer.contentType().startsWith("application/problem+json")
                            ? answer.json().get("errors").get(0).get("field").asString() + " "
                            + answer.json().get("errors").get(0).get("rule").asString() : "-";
                    if (answer.status() != 400 || !rule.equals(field + " " + extremes.get(day))) {
                        wrong.add(query + day + " as " + accept + ": " + answer.status() + " " + rule);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        ViewClient.Answer tooEarly = views.get("/api/caseload?asOf=1899-12-31", "application/json");
        assertThat(tooEarly.json().get("errors").get(0).get("rule").asString()).isEqualTo("supported-date");
        assertThat(tooEarly.json().get("errors").get(0).get("message").asString())
                .isEqualTo("must lie between 1900-01-01 and 2999-12-31");

        assertThat(views.get("/api/caseload?asOf=1900-01-01", "application/json").status()).isEqualTo(200);
        assertThat(views.get("/api/caseload?asOf=2999-12-31", "text/csv").status()).isEqualTo(200);
        assertThat(views.get("/api/retention?asOf=1900-01-01", "application/json").status()).isEqualTo(200);
        assertThat(views.get("/api/quality-report?from=1900-01-01&to=2999-12-31", "application/json").status())
                .isEqualTo(200);
    }

    @Test
    void aPeriodWhoseStartLiesAfterItsEndIsRefusedInCsvToo() {
        for (String query : List.of("from=2026-05-01&to=2026-04-01", "from=2027-01-01")) {
            ViewClient.Answer answer = views.get("/api/quality-report?" + query, "text/csv");
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("errors").get(0).get("rule").asString()).isEqualTo("not-before-from");
        }
    }

    private static FamilyReferred referred(String id, LocalDate on, String district) {
        return new FamilyReferred(id, on, new Family(null, "Familie " + id, district, "nl", false, MigrationGeneration.NONE),
                List.of(new Child("kind", date(2015, 1, 1))), new Referrer("verwijzer", "school"),
                java.util.Set.of(ReferralReason.CARE_COORDINATION), false);
    }

    private static JsonNode coach(JsonNode caseload, String coachId) {
        return find(caseload.get("coaches"), "coachId", coachId);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(node -> node.get(field).asString().equals(value))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " " + value + " in " + array));
    }

    private static LocalDate date(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }
}
