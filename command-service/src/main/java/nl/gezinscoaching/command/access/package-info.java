/**
 * Who may send which command: URL rules per role, and per trajectory the rule that a coach acts on their
 * own families and a senior coach on their cluster's.
 */
package nl.gezinscoaching.command.access;
