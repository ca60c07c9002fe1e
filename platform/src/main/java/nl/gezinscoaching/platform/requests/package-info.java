/**
 * What the two services do with requests no controller should see: bodies above the size limit (413),
 * other content types than JSON (415), JSON values of the wrong type (400 naming the field), and any other
 * failure answered as a problem document without internals (no stack trace, no exception message).
 */
package nl.gezinscoaching.platform.requests;
