/**
 * The full history of each trajectory, for audits and complaints: every event, who recorded it, when.
 * Read from the trajectory's own event stream, not from a projection.
 */
package nl.gezinscoaching.query.history;
