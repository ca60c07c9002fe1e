/**
 * Several command-service instances on one database: a command decided on a stale (cached) trajectory loses
 * its append on the event table's unique key; it is decided again on the current state, so it succeeds or
 * gets the refusal it deserves, never a 500 or a lost write.
 */
package nl.gezinscoaching.command.concurrency;
