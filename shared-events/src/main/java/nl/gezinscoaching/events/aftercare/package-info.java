/** Aftercare (nazorg): phone calls after closure that follow the family's wellbeing. */
package nl.gezinscoaching.events.aftercare;
