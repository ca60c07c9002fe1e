package nl.gezinscoaching.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import org.junit.jupiter.api.Test;

/**
 * The access rule as a matrix: every user kind × every action × every kind of trajectory. A cell is
 * {@code Y} (allowed) or {@code .} (refused); columns in the order of {@link #USERS}.
 */
class AccessRuleTest {

    private static final Map<String, PlatformUser> USERS = new LinkedHashMap<>();

    static {
        USERS.put("admin", new PlatformUser("admin", Set.of(Role.ADMIN), null, null));
        USERS.put("manager", new PlatformUser("mila", Set.of(Role.MANAGER), null, null));
        USERS.put("analyst", new PlatformUser("ali", Set.of(Role.ANALYST), null, null));
        USERS.put("coach anna, Noord", new PlatformUser("anna", Set.of(Role.COACH), "anna", "Noord"));
        USERS.put("coach bram, Zuid", new PlatformUser("bram", Set.of(Role.COACH), "bram", "Zuid"));
        USERS.put("senior sanne, Noord", new PlatformUser("sanne", Set.of(Role.SENIOR_COACH), "sanne", "Noord"));
        USERS.put("senior without cluster", new PlatformUser("sven", Set.of(Role.SENIOR_COACH), "sven", null));
    }

    private static final Map<String, Guidance> TRAJECTORIES = new LinkedHashMap<>();

    static {
        TRAJECTORIES.put("anna's, Noord", new Guidance("anna", "Noord", true));
        TRAJECTORIES.put("bram's, Zuid", new Guidance("bram", "Zuid", true));
        TRAJECTORIES.put("anna's, cluster unknown", new Guidance("anna", null, true));
        TRAJECTORIES.put("a coach's without cluster", new Guidance("legacy", null, true));
        TRAJECTORIES.put("waiting", new Guidance(null, null, true));
        TRAJECTORIES.put("closed from the waiting list", new Guidance(null, null, false));
        TRAJECTORIES.put("anna's, closed (aftercare)", new Guidance("anna", "Noord", false));
    }

    /** trajectory → action → expected cells, one per user. */
    private static final Map<String, Map<Action, String>> MATRIX = new LinkedHashMap<>();

    static {
        //                                                     admin, manager, analyst, anna, bram, sanne, sven
        expect("anna's, Noord", Map.of(
                Action.READ,       "YY.Y.Y.",
                Action.COACHING,   "Y..Y.Y.",
                Action.ASSIGNMENT, "Y....Y.",
                Action.EXTENSION,  "Y....Y.",
                Action.TRIAGE,     "Y....YY",
                Action.ERASURE,    "Y......"));
        expect("bram's, Zuid", Map.of(
                Action.READ,       "YY..Y..",
                Action.COACHING,   "Y...Y..",
                Action.ASSIGNMENT, "Y......",
                Action.EXTENSION,  "Y......",
                Action.TRIAGE,     "Y....YY",
                Action.ERASURE,    "Y......"));
        // an unknown cluster matches no cluster: the coach keeps their own family, no senior gets it
        expect("anna's, cluster unknown", Map.of(
                Action.READ,       "YY.Y...",
                Action.COACHING,   "Y..Y...",
                Action.ASSIGNMENT, "Y......",
                Action.EXTENSION,  "Y......",
                Action.TRIAGE,     "Y....YY",
                Action.ERASURE,    "Y......"));
        // not even for a senior coach whose own cluster is unknown too
        expect("a coach's without cluster", Map.of(
                Action.READ,       "YY.....",
                Action.COACHING,   "Y......",
                Action.ASSIGNMENT, "Y......",
                Action.EXTENSION,  "Y......",
                Action.TRIAGE,     "Y....YY",
                Action.ERASURE,    "Y......"));
        // the waiting list is every senior coach's
        expect("waiting", Map.of(
                Action.READ,       "YY...YY",
                Action.COACHING,   "Y....YY",
                Action.ASSIGNMENT, "Y....YY",
                Action.EXTENSION,  "Y......",
                Action.TRIAGE,     "Y....YY",
                Action.ERASURE,    "Y......"));
        // closed without a coach: nobody's family any more but the managers' and administrators'
        expect("closed from the waiting list", Map.of(
                Action.READ,       "YY.....",
                Action.COACHING,   "Y......",
                Action.ASSIGNMENT, "Y......",
                Action.EXTENSION,  "Y......",
                Action.TRIAGE,     "Y....YY",
                Action.ERASURE,    "Y......"));
        // closed with a coach: aftercare is the coach's and their senior's
        expect("anna's, closed (aftercare)", Map.of(
                Action.READ,       "YY.Y.Y.",
                Action.COACHING,   "Y..Y.Y.",
                Action.ASSIGNMENT, "Y....Y.",
                Action.EXTENSION,  "Y....Y.",
                Action.TRIAGE,     "Y....YY",
                Action.ERASURE,    "Y......"));
    }

    private static void expect(String trajectory, Map<Action, String> cells) {
        MATRIX.put(trajectory, cells);
    }

    @Test
    void everyTrajectoryAndActionHasARow() {
        assertThat(MATRIX.keySet()).containsExactlyElementsOf(TRAJECTORIES.keySet());
        MATRIX.values().forEach(row -> assertThat(row.keySet()).containsExactlyInAnyOrder(Action.values()));
    }

    @Test
    void everyUserMayDoWhatTheMatrixSays() {
        List<String> wrong = new ArrayList<>();
        List<String> users = List.copyOf(USERS.keySet());
        MATRIX.forEach((trajectory, row) -> row.forEach((action, cells) -> {
            for (int u = 0; u < users.size(); u++) {
                boolean expected = cells.charAt(u) == 'Y';
                boolean actual = AccessRule.mayDo(USERS.get(users.get(u)), action, TRAJECTORIES.get(trajectory));
                if (actual != expected) {
                    wrong.add(trajectory + " / " + action + " / " + users.get(u) + ": expected "
                            + (expected ? "allowed" : "refused"));
                }
            }
        }));
        assertThat(wrong).as("cells of the access matrix that do not hold").isEmpty();
    }

    @Test
    void managersAndAdministratorsReadEveryFamily() {
        List<String> readers = USERS.entrySet().stream()
                .filter(user -> AccessRule.mayReadEveryFamily(user.getValue())).map(Map.Entry::getKey).toList();
        assertThat(readers).containsExactly("admin", "manager");
    }

    @Test
    void aSeniorCoachAssignsOnlyCoachesOfTheirOwnKnownCluster() {
        RegisteredCoach noord = new RegisteredCoach("anna", "Noord");
        RegisteredCoach zuid = new RegisteredCoach("bram", "Zuid");
        RegisteredCoach unknownCluster = new RegisteredCoach("legacy", null);
        List<String> wrong = new ArrayList<>();
        //                                  anna's (Noord), bram's (Zuid), without cluster
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("admin", "YYY");
        expected.put("manager", "...");
        expected.put("analyst", "...");
        expected.put("coach anna, Noord", "...");
        expected.put("coach bram, Zuid", "...");
        expected.put("senior sanne, Noord", "Y..");
        expected.put("senior without cluster", "...");
        expected.forEach((user, cells) -> {
            List<RegisteredCoach> coaches = List.of(noord, zuid, unknownCluster);
            for (int c = 0; c < coaches.size(); c++) {
                if (AccessRule.mayAssignTo(USERS.get(user), coaches.get(c)) != (cells.charAt(c) == 'Y')) {
                    wrong.add(user + " assigns " + coaches.get(c) + ": expected " + (cells.charAt(c) == 'Y'
                            ? "allowed" : "refused"));
                }
            }
        });
        assertThat(wrong).isEmpty();
    }
}
