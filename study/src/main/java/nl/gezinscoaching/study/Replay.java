package nl.gezinscoaching.study;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.gezinscoaching.api.analytics.KAnonymity;

/**
 * One state per trajectory, folded from the exported events up to the cut-off ({@link ExportFile#replay}),
 * and each state's row as of the cut-off. Memory holds one small state per trajectory, not the events.
 */
final class Replay {

    /** One agency referral: when, and the warm handover if it came. */
    record AgencyWait(String agency, LocalDate referredOn, LocalDate handedOverOn) {
    }

    /** A wait as the study sees it at the cut-off: days, and whether it ended in a warm handover. */
    record Wait(String agency, int days, boolean handedOver) {
    }

    static final class State {
        String trajectory;
        LocalDate referredOn;
        String district;
        String language;
        Boolean interpreterNeeded;
        String migrationGeneration;
        String referrerType;
        String reasons;
        LocalDate declinedOn;
        LocalDate assignedOn;
        String coach;
        LocalDate firstVisitOn;
        LocalDate planAgreedOn;
        final Map<String, AgencyWait> agencyWaits = new LinkedHashMap<>();
        LocalDate closedOn;
        String closureReason;
        Integer clientSatisfaction;
        LocalDate aftercareEndedOn;
        int homeVisits;
        int contacts;
        int contactMinutes;
        int extensions;
        int extensionMonths;
        int goalsSet;
        int goalsFully;
        int goalsPartly;
    }

    private final LocalDate cutoff;
    private final Map<String, State> trajectories = new LinkedHashMap<>();
    private final Map<String, String> clusters = new HashMap<>();
    private long events;

    Replay(LocalDate cutoff) {
        this.cutoff = cutoff;
    }

    long events() {
        return events;
    }

    LocalDate cutoff() {
        return cutoff;
    }

    /** A trajectory's state, found or made. */
    State state(String trajectory) {
        return trajectories.computeIfAbsent(trajectory, id -> {
            State fresh = new State();
            fresh.trajectory = id;
            return fresh;
        });
    }

    void cluster(String coach, String cluster) {
        clusters.put(coach, cluster);
    }

    void counted(long events) {
        this.events = events;
    }

    Collection<State> states() {
        return trajectories.values();
    }

    /** The waits for every agency referral, as of the cut-off (open ones censored at closure or cut-off). */
    List<Wait> waits(State s) {
        List<Wait> waits = new ArrayList<>();
        LocalDate end = s.closedOn != null ? s.closedOn : cutoff;
        for (AgencyWait wait : s.agencyWaits.values()) {
            if (wait.handedOverOn() != null) {
                waits.add(new Wait(wait.agency(), days(wait.referredOn(), wait.handedOverOn()), true));
            } else {
                waits.add(new Wait(wait.agency(), Math.max(0, days(wait.referredOn(), end)), false));
            }
        }
        return waits;
    }

    /** The quasi-identifiers of a trajectory in the ladder's positions: period, language, district, generation, interpreter, cluster. */
    List<String> quasiIdentifiers(State s) {
        return Arrays.asList(s.referredOn == null ? null : s.referredOn.toString().substring(0, 7), s.language,
                s.district, s.migrationGeneration, s.interpreterNeeded == null ? null : s.interpreterNeeded.toString(),
                s.coach == null ? null : clusters.get(s.coach));
    }

    static final List<KAnonymity.Step> LADDER = KAnonymity.ladder(0, 1, 2, 3, 4, 5);

    /** The rows, the k-anonymity rule applied, in pseudonym order. */
    List<TrajectoryRow> rows(KAnonymity rule, KAnonymity.Outcome[] outcome) {
        List<List<String>> all = new ArrayList<>();
        for (State s : trajectories.values()) {
            all.add(quasiIdentifiers(s));
        }
        KAnonymity.Outcome applied = rule.applyToRows(all);
        outcome[0] = applied;
        String rule_ = applied.describe();
        List<TrajectoryRow> rows = new ArrayList<>();
        for (State s : new TreeSet<>(trajectories.keySet()).stream().map(trajectories::get).toList()) {
            applied.of(quasiIdentifiers(s)).ifPresent(released -> rows.add(row(s, released, rule_)));
        }
        return rows;
    }

    private TrajectoryRow row(State s, List<String> released, String rule) {
        List<Wait> waits = waits(s);
        Integer waitDays = waits.isEmpty() ? null : waits.stream().mapToInt(Wait::days).sum();
        Integer longest = waits.isEmpty() ? null : waits.stream().mapToInt(Wait::days).max().getAsInt();
        LocalDate firstAgency = s.agencyWaits.values().stream().map(AgencyWait::referredOn).min(LocalDate::compareTo)
                .orElse(null);
        Integer toClosure = s.assignedOn == null ? null : days(s.assignedOn, s.closedOn != null ? s.closedOn : cutoff);
        Integer aftercare = s.closedOn == null ? null
                : days(s.closedOn, s.aftercareEndedOn != null ? s.aftercareEndedOn : cutoff);
        return new TrajectoryRow(s.trajectory, released.get(0), released.get(2), released.get(1),
                released.get(4) == null ? null : Boolean.valueOf(released.get(4)), released.get(3), released.get(5),
                s.referrerType, s.reasons, s.declinedOn != null,
                between(s.referredOn, s.assignedOn), between(s.assignedOn, s.firstVisitOn),
                between(s.assignedOn, s.planAgreedOn), between(s.assignedOn, firstAgency),
                s.agencyWaits.size(), (int) waits.stream().filter(w -> !w.handedOver()).count(), waitDays, longest,
                toClosure, s.closedOn != null, s.closureReason, aftercare, s.aftercareEndedOn != null, s.homeVisits,
                s.contacts, Math.round(s.contactMinutes / 60.0 * 100) / 100.0, s.extensions, s.extensionMonths,
                s.goalsSet, s.goalsFully, s.goalsPartly, s.clientSatisfaction, rule);
    }

    private static Integer between(LocalDate from, LocalDate to) {
        return from == null || to == null ? null : days(from, to);
    }

    private static int days(LocalDate from, LocalDate to) {
        return (int) ChronoUnit.DAYS.between(from, to);
    }
}
