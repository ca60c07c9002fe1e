/** Contacts of the coach with the family and its network: visits, calls, practical support, meetings. */
package nl.gezinscoaching.events.contact;
