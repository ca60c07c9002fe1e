/** The command service: records coaches' actions on family trajectories as events. */
package nl.gezinscoaching.command;
