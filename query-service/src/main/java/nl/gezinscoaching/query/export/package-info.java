/**
 * The analysts' pseudonymised event export ({@code GET /api/export/events}): every event in global order as
 * NDJSON, each field exported, pseudonymised, coarsened or withheld by an explicit allow-list
 * ({@link nl.gezinscoaching.query.export.ExportPolicy}), the family attributes under the k-anonymity rule.
 */
package nl.gezinscoaching.query.export;
