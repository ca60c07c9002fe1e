/** The query service: projections of the event store and the management views built on them. */
package nl.gezinscoaching.query;
