/**
 * The erasure register: every erasure of a family's personal data recorded outside the database, where its
 * backups do not reach, and applied at every start-up, so a restored backup cannot bring a family back
 * (docs/operations.md, "Backup, restore and the erasure register").
 */
package nl.gezinscoaching.platform.erasure;
