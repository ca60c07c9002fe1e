/** The tamper-evident trail of who read which family's personal data, and its verification. */
package nl.gezinscoaching.query.audit;
