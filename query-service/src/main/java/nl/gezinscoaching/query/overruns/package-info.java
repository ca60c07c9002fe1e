/** Duration overrun: open trajectories past their planned end (norm plus granted extensions). */
package nl.gezinscoaching.query.overruns;
