/**
 * The query service's answers that other clients (the web) read: one definition, so a client never keeps a
 * copy that drifts from what the service sends.
 */
package nl.gezinscoaching.api.views;
