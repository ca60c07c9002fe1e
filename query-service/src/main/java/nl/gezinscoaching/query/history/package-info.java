/** The full history of each trajectory, for audits and complaints: every event, who recorded it, when. */
package nl.gezinscoaching.query.history;
