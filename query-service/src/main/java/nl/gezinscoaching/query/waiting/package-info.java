/** Waiting lists: referrals waiting for a coach, and families waiting for a follow-up agency. */
package nl.gezinscoaching.query.waiting;
