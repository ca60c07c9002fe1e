/**
 * Spring infrastructure both services share: PostgreSQL (embedded when none is configured), Axon's JDBC
 * event store with Jackson serialization, metrics wiring, the clock and RFC 9457 problem details.
 * Nothing of the domain lives here.
 */
package nl.gezinscoaching.platform;
