/** The JSON body of the command service's coach registration. */
package nl.gezinscoaching.api.coach;
