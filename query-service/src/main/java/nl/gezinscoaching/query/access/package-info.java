/**
 * Who may read which view: URL rules per role, and for one family's history the platform's access rule on
 * who guides the family now.
 */
package nl.gezinscoaching.query.access;
