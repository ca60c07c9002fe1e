/**
 * The managers' dashboard (issue 11): caseload per coach against capacity, its 12-month trend, overruns, both
 * waiting lists and the quality report, each chart with its numbers in a table, each number a link to the list
 * behind it with the filter in its address, each table as the query service's CSV. Senior coaches see their own
 * cluster (the query service decides); coaches get the 403 page.
 */
package nl.gezinscoaching.web.dashboard;
