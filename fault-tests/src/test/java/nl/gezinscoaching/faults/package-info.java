/** Faults injected into the real processes of the platform (issue 13); figures in docs/reliability.md. */
package nl.gezinscoaching.faults;
