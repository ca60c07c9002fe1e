/**
 * The published language of the platform: every event of a family trajectory and of a coach, as plain
 * records. Class names and packages are stored with every event: rename only with an upcaster.
 */
package nl.gezinscoaching.events;
