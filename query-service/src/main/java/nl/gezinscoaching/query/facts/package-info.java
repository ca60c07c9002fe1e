/**
 * The management facts read model: one narrow row per event that matters to management, from which the
 * caseload, overrun, waiting-list and quality views are queried.
 */
package nl.gezinscoaching.query.facts;
