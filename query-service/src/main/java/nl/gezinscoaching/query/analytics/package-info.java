/** Pseudonymised exports for analysts: phase durations per trajectory, without names, ids or dates. */
package nl.gezinscoaching.query.analytics;
