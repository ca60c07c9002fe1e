/**
 * How stored events of an older revision are read: one upcaster per change of an event's shape, each from
 * one revision to the next, on Axon's upcaster chain ({@link nl.gezinscoaching.platform.upcasting.EventUpcasting}).
 * The catalogue of every event type and revision is {@code docs/events.md}, kept by {@code EventCatalogueTest}.
 */
package nl.gezinscoaching.platform.upcasting;
