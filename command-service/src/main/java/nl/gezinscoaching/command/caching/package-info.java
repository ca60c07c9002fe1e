/** The command service's aggregate cache: loaded trajectories kept in memory, bounded. */
package nl.gezinscoaching.command.caching;
