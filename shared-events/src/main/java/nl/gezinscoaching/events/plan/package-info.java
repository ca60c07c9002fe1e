/** Problem inventory, goals, the family plan and goal evaluation on the Goal Attainment Scale. */
package nl.gezinscoaching.events.plan;
