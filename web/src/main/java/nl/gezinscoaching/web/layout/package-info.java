/**
 * What every page shares: the layout (the signed-in user, the language switch), the message bundles
 * (Dutch by default, English) and the pages that are not about a family (403, signed out).
 */
package nl.gezinscoaching.web.layout;
