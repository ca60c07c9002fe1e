/** Coaches: the aggregate that registers them and the directory other commands check coach ids against. */
package nl.gezinscoaching.command.coach;
