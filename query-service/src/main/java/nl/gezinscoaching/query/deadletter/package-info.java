/**
 * Dead letters: an event that a projection cannot handle, and a retry cannot cure, is parked in Axon's
 * dead-letter queue in PostgreSQL with the later events of its trajectory, so that it stops neither its
 * processor nor any other trajectory; administrators list and retry them, and health and meters show them.
 */
package nl.gezinscoaching.query.deadletter;
