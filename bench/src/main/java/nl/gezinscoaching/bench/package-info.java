/** Benchmarks of the platform, each against a plain-JDBC baseline measured in the same run. */
package nl.gezinscoaching.bench;
