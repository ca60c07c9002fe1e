/**
 * The analysts' duration study (docs/analytics.md): replays the pseudonymised event export into one row per
 * trajectory as of a cut-off date, open trajectories right-censored at it; Kaplan-Meier with Greenwood bands
 * and the log-rank test; CSV and Parquet through DuckDB; an HTML report with SVG charts. It reads only the
 * export, never the event store or a key.
 */
package nl.gezinscoaching.study;
