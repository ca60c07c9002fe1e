/**
 * Who may send which command: URL rules per role, and per trajectory the platform's
 * {@link nl.gezinscoaching.platform.access.AccessRule}, checked before an endpoint runs; the lookup table it
 * decides on, kept in the events' transaction.
 */
package nl.gezinscoaching.command.access;
