/** Rebuilding every read model from the event store, with progress. */
package nl.gezinscoaching.query.replay;
