/** How commands are recorded: who recorded them (event metadata) and the aggregate cache. */
package nl.gezinscoaching.command.recording;
