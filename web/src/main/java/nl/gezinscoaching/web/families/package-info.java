/**
 * The coach's pages about families: "Mijn gezinnen" ({@code /}) and one family's page
 * ({@code /trajectories/{id}}, its timeline in this phase). Both read the query service as the signed-in user.
 */
package nl.gezinscoaching.web.families;
