/**
 * Who may act on or read one family's trajectory: the rule ({@link nl.gezinscoaching.platform.access.AccessRule}),
 * written once for both services, and the lookup of who guides a trajectory now
 * ({@link nl.gezinscoaching.platform.access.GuidanceLookup}), from tables the command service keeps in the
 * same transaction as the events.
 */
package nl.gezinscoaching.platform.access;
