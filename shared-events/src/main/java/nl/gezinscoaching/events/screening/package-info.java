/**
 * Screening against the Coach je kind selection form: which indication criteria a family meets and
 * which contra-indications hold, recorded while the family waits for a coach.
 */
package nl.gezinscoaching.events.screening;
