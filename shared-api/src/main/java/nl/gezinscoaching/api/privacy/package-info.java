/** The JSON body of the command service's erasure endpoint. */
package nl.gezinscoaching.api.privacy;
