package nl.gezinscoaching.web.families;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.gezinscoaching.api.trajectory.TrajectoryStage;
import nl.gezinscoaching.api.views.TrajectoryHistory;
import nl.gezinscoaching.api.views.TrajectoryHistory.Entry;

/**
 * Which actions a family's page offers, derived from the history the page reads (one rule, here). It mirrors
 * the command service's aggregate, which stays the judge: an action offered here that the service refuses
 * is shown as its refusal.
 *
 * @param familyName            the family's name from the referral (the first event); null once erased
 * @param district              the family's district from the referral
 * @param stage                 where it stands, by the shared {@link TrajectoryStage#after} (as the aggregate)
 * @param screened              whether the selection form has been recorded
 * @param openAgencyReferrals   agency referral id to agency, for those without warm handover
 * @param unevaluatedGoals      goal id to description (empty once erased), for goals not yet evaluated
 * @param goalList              every goal in the order set, with its latest attainment
 * @param agencyWaits           the agency referrals without warm handover, oldest first
 */
public record TrajectoryState(String familyName, String district, TrajectoryStage stage, boolean coached, boolean screened, int goals,
                       Map<String, String> openAgencyReferrals, Map<String, String> unevaluatedGoals,
                       List<Goal> goalList, List<AgencyWait> agencyWaits) {

    /** A goal of the family plan; {@code attainment} null until evaluated, {@code description} null once erased. */
    record Goal(String goalId, String description, String lifeDomain, LocalDate setOn, String attainment,
                LocalDate evaluatedOn) {
    }

    /** A family waiting at an agency: referred, no warm handover yet. */
    record AgencyWait(String agencyReferralId, String agency, LocalDate referredOn) {

        public long daysWaiting(LocalDate today) {
            return referredOn == null ? 0 : ChronoUnit.DAYS.between(referredOn, today);
        }
    }

    public static TrajectoryState of(TrajectoryHistory history) {
        String familyName = null;
        String district = null;
        TrajectoryStage stage = TrajectoryStage.WAITING;
        boolean coached = false;
        boolean screened = false;
        int goals = 0;
        Map<String, String> open = new LinkedHashMap<>();
        Map<String, String> unevaluated = new LinkedHashMap<>();
        Map<String, Goal> goalList = new LinkedHashMap<>();
        Map<String, AgencyWait> waits = new LinkedHashMap<>();
        for (Entry entry : history.events()) {
            stage = stage.after(entry.type());
            switch (entry.type()) {
                case "CoachAssigned", "CoachReassigned" -> coached = true;
                case "FamilyReferred" -> {
                    Object family = field(entry.data(), "family");
                    Object name = field(family, "name");
                    Object place = field(family, "district");
                    familyName = name == null ? null : name.toString();
                    district = place == null ? null : place.toString();
                }
                case "FamilyScreened" -> screened = true;
                case "GoalSet" -> {
                    goals++;
                    unevaluated.put(text(entry, "goalId"), text(entry, "description"));
                    Object description = field(entry.data(), "description");
                    goalList.put(text(entry, "goalId"), new Goal(text(entry, "goalId"),
                            description == null ? null : description.toString(), textOrNull(entry, "lifeDomain"),
                            entry.occurredOn(), null, null));
                }
                case "GoalEvaluated" -> {
                    unevaluated.remove(text(entry, "goalId"));
                    goalList.computeIfPresent(text(entry, "goalId"), (id, goal) -> new Goal(id, goal.description(),
                            goal.lifeDomain(), goal.setOn(), textOrNull(entry, "attainment"), entry.occurredOn()));
                }
                case "FamilyReferredToAgency" -> {
                    open.put(text(entry, "agencyReferralId"), text(entry, "agency"));
                    waits.put(text(entry, "agencyReferralId"), new AgencyWait(text(entry, "agencyReferralId"),
                            text(entry, "agency"), entry.occurredOn()));
                }
                case "WarmHandoverDone" -> {
                    open.remove(text(entry, "agencyReferralId"));
                    waits.remove(text(entry, "agencyReferralId"));
                }
                default -> {
                }
            }
        }
        return new TrajectoryState(familyName, district, stage, coached, screened, goals, Collections.unmodifiableMap(open),
                Collections.unmodifiableMap(unevaluated), List.copyOf(goalList.values()),
                waits.values().stream().sorted(Comparator.comparing(AgencyWait::referredOn,
                        Comparator.nullsLast(Comparator.naturalOrder()))).toList());
    }

    /** The forms the page shows a coach, in the order of the page. */
    Set<FamilyAction> allowed() {
        return allowed(false);
    }

    /**
     * The forms the page shows, in the order of the page: each action whose step the stage allows (the shared
     * table the aggregate refuses by), less those the trajectory's facts rule out (a plan needs a goal, an
     * evaluation a goal not yet evaluated, a handover an open referral, the selection form is filled in once);
     * triage and extensions are a senior coach's.
     */
    Set<FamilyAction> allowed(boolean seniorCoach) {
        Set<FamilyAction> allowed = EnumSet.noneOf(FamilyAction.class);
        for (FamilyAction action : FamilyAction.values()) {
            if (stage.allows(action.step(), coached) && applies(action, seniorCoach)) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    private boolean applies(FamilyAction action, boolean seniorCoach) {
        return switch (action) {
            case SCREENING -> seniorCoach && !screened;
            case DECLINE, EXTENSION -> seniorCoach;
            case FAMILY_PLAN -> goals > 0;
            case GOAL_EVALUATION -> !unevaluatedGoals.isEmpty();
            case WARM_HANDOVER -> !openAgencyReferrals.isEmpty();
            default -> true;
        };
    }

    private static String textOrNull(Entry entry, String field) {
        String text = text(entry, field);
        return text.isEmpty() ? null : text;
    }

    private static String text(Entry entry, String field) {
        Object value = field(entry.data(), field);
        return value == null ? "" : value.toString();
    }

    /** A field of an event's data: the query service sends a JSON object, which the web reads as a map. */
    private static Object field(Object data, String field) {
        return data instanceof Map<?, ?> map ? map.get(field) : null;
    }
}
