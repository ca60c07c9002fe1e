package nl.gezinscoaching.events.trajectory;

import nl.gezinscoaching.events.PersonalData;

/**
 * The family as the referral form describes it.
 *
 * @param reference the referring organisation's own client number, if any (used to refuse a second
 *                  referral without a new help question)
 */
public record Family(@PersonalData String reference,
                     @PersonalData String name,
                     String district,
                     String language,
                     boolean interpreterNeeded,
                     MigrationGeneration migrationGeneration) {
}
