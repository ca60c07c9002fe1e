package nl.gezinscoaching.web.families;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nl.gezinscoaching.web.services.QueryViews.FamilyHistory;
import nl.gezinscoaching.web.services.QueryViews.HistoryEntry;

/**
 * Which actions a family's page offers, derived from the history the page reads (one rule, here). It mirrors
 * the command service's aggregate, which stays the judge: an action offered here that the service refuses
 * is shown as its refusal.
 *
 * @param stage                 WAITING (no coach yet), ACTIVE, CLOSED (aftercare), AFTERCARE_ENDED, DECLINED
 * @param openAgencyReferrals   agency referral id to agency, for those without warm handover
 * @param unevaluatedGoals      goal id to description (empty once erased), for goals not yet evaluated
 */
record TrajectoryState(Stage stage, boolean coached, int goals, Map<String, String> openAgencyReferrals,
                       Map<String, String> unevaluatedGoals) {

    enum Stage { WAITING, ACTIVE, CLOSED, AFTERCARE_ENDED, DECLINED }

    static TrajectoryState of(FamilyHistory history) {
        Stage stage = Stage.WAITING;
        boolean coached = false;
        int goals = 0;
        Map<String, String> open = new LinkedHashMap<>();
        Map<String, String> unevaluated = new LinkedHashMap<>();
        for (HistoryEntry entry : history.events()) {
            switch (entry.type()) {
                case "CoachAssigned", "CoachReassigned" -> {
                    coached = true;
                    if (stage == Stage.WAITING) {
                        stage = Stage.ACTIVE;
                    }
                }
                case "ReferralDeclined" -> stage = Stage.DECLINED;
                case "TrajectoryClosed" -> stage = Stage.CLOSED;
                case "AftercareEnded" -> stage = Stage.AFTERCARE_ENDED;
                case "GoalSet" -> {
                    goals++;
                    unevaluated.put(text(entry, "goalId"), text(entry, "description"));
                }
                case "GoalEvaluated" -> unevaluated.remove(text(entry, "goalId"));
                case "FamilyReferredToAgency" -> open.put(text(entry, "agencyReferralId"), text(entry, "agency"));
                case "WarmHandoverDone" -> open.remove(text(entry, "agencyReferralId"));
                default -> {
                }
            }
        }
        return new TrajectoryState(stage, coached, goals, Collections.unmodifiableMap(open),
                Collections.unmodifiableMap(unevaluated));
    }

    /** The forms the page shows a coach, in the order of the page. */
    Set<FamilyAction> allowed() {
        return allowed(false);
    }

    /** The forms the page shows, in the order of the page; an extension only to a senior coach. */
    Set<FamilyAction> allowed(boolean seniorCoach) {
        Set<FamilyAction> allowed = EnumSet.noneOf(FamilyAction.class);
        switch (stage) {
            case ACTIVE -> {
                allowed.addAll(EnumSet.of(FamilyAction.HOME_VISIT, FamilyAction.PHONE_CONTACT,
                        FamilyAction.PRACTICAL_SUPPORT, FamilyAction.PROBLEM_INVENTORY, FamilyAction.GOAL, FamilyAction.AGENCY_REFERRAL,
                        FamilyAction.COORDINATION_MEETING, FamilyAction.SAFETY_ASSESSMENT, FamilyAction.CLOSURE));
                if (goals > 0) {
                    allowed.add(FamilyAction.FAMILY_PLAN);
                }
                if (seniorCoach) {
                    allowed.add(FamilyAction.EXTENSION);
                }
                if (!unevaluatedGoals.isEmpty()) {
                    allowed.add(FamilyAction.GOAL_EVALUATION);
                }
                if (!openAgencyReferrals.isEmpty()) {
                    allowed.add(FamilyAction.WARM_HANDOVER);
                }
            }
            case CLOSED -> {
                if (coached) {
                    allowed.add(FamilyAction.AFTERCARE_CALL);
                    allowed.add(FamilyAction.AFTERCARE_END);
                }
            }
            default -> {
            }
        }
        return allowed;
    }

    private static String text(HistoryEntry entry, String field) {
        Object value = entry.data() == null ? null : entry.data().get(field);
        return value == null ? "" : value.toString();
    }
}
