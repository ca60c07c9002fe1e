/** Coaches of the team: who they are, their cluster and their part-time factor. */
package nl.gezinscoaching.events.coach;
