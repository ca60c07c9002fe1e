/** The family trajectory: its aggregate, the commands coaches send it, and their HTTP endpoints. */
package nl.gezinscoaching.command.trajectory;
