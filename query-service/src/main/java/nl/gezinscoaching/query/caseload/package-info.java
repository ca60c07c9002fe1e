/** Caseload: active families per coach, cluster and district against the norm, on any day. */
package nl.gezinscoaching.query.caseload;
