/** The family's rights over its data: erasure of personal data on request. */
package nl.gezinscoaching.events.privacy;
