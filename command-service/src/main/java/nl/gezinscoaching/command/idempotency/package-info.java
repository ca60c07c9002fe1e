/**
 * {@code Idempotency-Key} on the command API: a repeated POST with the same key and user gets the first
 * answer again, and records nothing a second time.
 */
package nl.gezinscoaching.command.idempotency;
