/** What every dataset that leaves the platform for analysts applies: the k-anonymity rule. */
package nl.gezinscoaching.api.analytics;
