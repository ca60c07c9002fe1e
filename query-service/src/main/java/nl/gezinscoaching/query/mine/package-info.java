/**
 * "Mijn gezinnen": the signed-in coach's open trajectories (a senior coach's also their cluster's and the
 * waiting list), each with what is due next, most urgent first; its own projection of the coach's activity.
 */
package nl.gezinscoaching.query.mine;
