/** Who may read which view: URL rules per role, and for one family's history the coach rules. */
package nl.gezinscoaching.query.access;
