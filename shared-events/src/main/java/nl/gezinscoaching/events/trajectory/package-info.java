/** The life cycle of a trajectory: referral, triage, assignment, extension and closure. */
package nl.gezinscoaching.events.trajectory;
