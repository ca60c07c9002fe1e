/**
 * Audit pages (issue 11): a family's full history for managers (the query service records each view in the read
 * audit), that family's read audit ("who read it when"), and for administrators the read audit's chain
 * verification and the retention list.
 */
package nl.gezinscoaching.web.audit;
