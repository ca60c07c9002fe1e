/** The JSON bodies of the command service's trajectory endpoints. */
package nl.gezinscoaching.api.trajectory;
