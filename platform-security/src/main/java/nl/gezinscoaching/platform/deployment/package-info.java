/**
 * What a deployment must configure before the services start: outside explicit local development they
 * refuse the repository's development secrets, demo users and missing secrets.
 */
package nl.gezinscoaching.platform.deployment;
