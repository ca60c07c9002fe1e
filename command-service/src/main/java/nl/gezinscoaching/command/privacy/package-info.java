/** A family's right to erasure: the erasure command, its endpoint, and the destruction of the data key. */
package nl.gezinscoaching.command.privacy;
