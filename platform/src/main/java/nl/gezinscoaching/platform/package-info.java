/**
 * Spring infrastructure both services share: PostgreSQL (embedded when none is configured), Axon's JDBC
 * event store with Jackson serialization, personal-data encryption and metrics wiring. Sign-in, problem
 * answers, the start-up guard and the clock are in the platform-security module, which an application
 * without a database (the web) uses alone. Nothing of the domain lives here.
 */
package nl.gezinscoaching.platform;
