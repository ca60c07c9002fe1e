/**
 * The web application for coaches (:8080): server-rendered pages that read and record only through the
 * command and query services' APIs, as the signed-in user.
 */
package nl.gezinscoaching.web;
