/**
 * The services' APIs as the web calls them: server-side, with the signed-in user's access token as bearer
 * token (refreshed when it expires), so the services record the user as {@code recordedBy} and apply their
 * own rules. A refusal of theirs becomes the matching page.
 */
package nl.gezinscoaching.web.services;
