package nl.gezinscoaching.query.export;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.events.aftercare.AftercareCallLogged;
import nl.gezinscoaching.events.aftercare.AftercareEnded;
import nl.gezinscoaching.events.agency.FamilyReferredToAgency;
import nl.gezinscoaching.events.agency.WarmHandoverDone;
import nl.gezinscoaching.events.coach.CoachRegistered;
import nl.gezinscoaching.events.contact.CoordinationMeetingHeld;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.contact.PhoneContactLogged;
import nl.gezinscoaching.events.contact.PracticalSupportGiven;
import nl.gezinscoaching.events.plan.FamilyPlanAgreed;
import nl.gezinscoaching.events.plan.GoalEvaluated;
import nl.gezinscoaching.events.plan.GoalSet;
import nl.gezinscoaching.events.plan.ProblemInventoried;
import nl.gezinscoaching.events.privacy.PersonalDataErased;
import nl.gezinscoaching.events.safety.SafetyAssessed;
import nl.gezinscoaching.events.screening.FamilyScreened;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.CoachReassigned;
import nl.gezinscoaching.events.trajectory.ExtensionGranted;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.ReferralDeclined;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;

/**
 * What the export does with every field of every event, as an explicit allow-list: a field is exported only
 * when it is listed here as such. {@code ExportPolicyTest} fails when an event (or a record inside one) has
 * a field that is not classified, so a new field (a new revision, a new event) cannot leak: whoever adds it
 * must decide here. A {@code @PersonalData} field can only be withheld or coarsened.
 */
final class ExportPolicy {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ExportPolicy.class);

    /** What happens to one field. */
    enum Treatment {
        /** written as it is: dates, codes, numbers, agencies, districts */
        EXPORTED,
        /** never written: names, birth dates, client numbers, free text typed by people */
        WITHHELD,
        /** the trajectory's id: replaced by its pseudonym, on the line, not in the data */
        TRAJECTORY,
        /** a coach's id: replaced by the coach's pseudonym */
        COACH,
        /** a goal's, visit's or agency referral's id (or a list of them): replaced by pseudonyms */
        ID,
        /** a family attribute under the k-anonymity rule: written as the rule releases it */
        QUASI_IDENTIFIER,
        /** a record inside the event: its own fields are classified under its type */
        NESTED,
        /** the children: their age bands at the business date, nothing else */
        AGE_BANDS,
        /** a language code that is released only when common (else "other") */
        LANGUAGE,
        /** the referring organisation's name: only its type (a code) is written */
        REFERRER_TYPE
    }

    private static final Map<Class<?>, Map<String, Treatment>> POLICY = new LinkedHashMap<>();

    private static void classify(Class<?> type, Object... pairs) {
        Map<String, Treatment> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Treatment) pairs[i + 1]);
        }
        POLICY.put(type, fields);
    }

    static {
        Treatment E = Treatment.EXPORTED;
        Treatment W = Treatment.WITHHELD;
        Treatment T = Treatment.TRAJECTORY;
        Treatment ID = Treatment.ID;
        Treatment Q = Treatment.QUASI_IDENTIFIER;
        // coaches
        classify(CoachRegistered.class, "coachId", Treatment.COACH, "name", W, "cluster", E, "fte", E,
                "registeredOn", E);
        // referral, screening, assignment, extension, closure
        classify(FamilyReferred.class, "trajectoryId", T, "receivedOn", E, "family", Treatment.NESTED,
                "children", Treatment.AGE_BANDS, "referrer", Treatment.NESTED, "reasons", E, "newHelpQuestion", E);
        classify(Family.class, "reference", W, "name", W, "district", Q, "language", Q, "interpreterNeeded", Q,
                "migrationGeneration", Q);
        classify(Child.class, "name", W, "birthDate", Treatment.AGE_BANDS);
        classify(Referrer.class, "name", W, "organisation", Treatment.REFERRER_TYPE);
        classify(FamilyScreened.class, "trajectoryId", T, "screenedOn", E, "indications", E, "contraIndications", E,
                "overridden", E, "overrideReason", W);
        classify(ReferralDeclined.class, "trajectoryId", T, "declinedOn", E, "reason", W);
        classify(CoachAssigned.class, "trajectoryId", T, "coachId", Treatment.COACH, "assignedOn", E);
        classify(CoachReassigned.class, "trajectoryId", T, "previousCoachId", Treatment.COACH,
                "coachId", Treatment.COACH, "reassignedOn", E);
        classify(ExtensionGranted.class, "trajectoryId", T, "grantedOn", E, "months", E, "reason", W);
        classify(TrajectoryClosed.class, "trajectoryId", T, "closedOn", E, "reason", E, "clientSatisfaction", E,
                "referrerSatisfaction", E, "closingLetterLanguage", Treatment.LANGUAGE);
        // safety, inventory, plan
        classify(SafetyAssessed.class, "trajectoryId", T, "assessedOn", E, "verdict", E, "reportedToVeiligThuis", E,
                "notes", W);
        classify(ProblemInventoried.class, "trajectoryId", T, "inventoriedOn", E, "problemDomains", E, "notes", W);
        classify(GoalSet.class, "trajectoryId", T, "goalId", ID, "description", W, "lifeDomain", E, "setOn", E,
                "subgoals", E);
        classify(FamilyPlanAgreed.class, "trajectoryId", T, "agreedOn", E, "goalIds", ID, "cosigningAgencies", E);
        classify(GoalEvaluated.class, "trajectoryId", T, "goalId", ID, "attainment", E, "evaluatedOn", E);
        // contacts
        classify(HomeVisitHeld.class, "trajectoryId", T, "visitId", ID, "visitedOn", E, "durationMinutes", E,
                "interpreterUsed", E, "summary", W, "location", E);
        classify(PhoneContactLogged.class, "trajectoryId", T, "contactedOn", E, "durationMinutes", E, "summary", W);
        classify(PracticalSupportGiven.class, "trajectoryId", T, "givenOn", E, "kind", E, "durationMinutes", E,
                "notes", W);
        classify(CoordinationMeetingHeld.class, "trajectoryId", T, "heldOn", E, "agencies", E, "parentsPresent", E,
                "notes", W);
        // agencies
        classify(FamilyReferredToAgency.class, "trajectoryId", T, "agencyReferralId", ID, "agency", E,
                "referredOn", E);
        classify(WarmHandoverDone.class, "trajectoryId", T, "agencyReferralId", ID, "handedOverOn", E);
        // aftercare
        classify(AftercareCallLogged.class, "trajectoryId", T, "calledOn", E, "wellbeing", E, "notes", W);
        classify(AftercareEnded.class, "trajectoryId", T, "endedOn", E);
        // erasure: the fact and its date count; the legal ground is typed by a person
        classify(PersonalDataErased.class, "trajectoryId", T, "erasedOn", E, "requester", E, "legalGround", W);
    }

    /** A record component with what the export does with it. */
    record Field(RecordComponent component, Treatment treatment) {
        String name() {
            return component.getName();
        }
    }

    private ExportPolicy() {
    }

    /** The classified types (events and the records inside them). */
    static Map<Class<?>, Map<String, Treatment>> all() {
        return POLICY;
    }

    /**
     * The fields of this type in declaration order with their treatment, or empty when the type is not
     * classified (an event type the export does not know: it writes no line for it). At run time the export
     * fails closed: a field that is not classified, or a personal field classified as anything but withheld
     * or coarsened, is withheld (and logged by name, once per type); {@code ExportPolicyTest} keeps either
     * from reaching a build.
     */
    static Optional<List<Field>> fieldsOf(Class<?> type) {
        Map<String, Treatment> classified = POLICY.get(type);
        if (classified == null || !type.isRecord()) {
            return Optional.empty();
        }
        return Optional.of(java.util.Arrays.stream(type.getRecordComponents()).map(component -> {
            Treatment treatment = classified.get(component.getName());
            if (treatment == null) {
                log.warn("Field {}.{} is not classified in ExportPolicy: withheld", type.getSimpleName(),
                        component.getName());
                treatment = Treatment.WITHHELD;
            } else if (component.isAnnotationPresent(PersonalData.class) && treatment != Treatment.WITHHELD
                    && treatment != Treatment.AGE_BANDS) {
                log.warn("Personal field {}.{} is classified {} in ExportPolicy: withheld", type.getSimpleName(),
                        component.getName(), treatment);
                treatment = Treatment.WITHHELD;
            }
            return new Field(component, treatment);
        }).toList());
    }
}
