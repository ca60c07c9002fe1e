/** The quality report Coach je kind asks for, per period. */
package nl.gezinscoaching.query.quality;
