/** Guidance to fitting help: referrals to follow-up agencies and the warm handover at their intake. */
package nl.gezinscoaching.events.agency;
