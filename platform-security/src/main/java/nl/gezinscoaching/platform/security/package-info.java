/**
 * Who may see what: roles, the signed-in user, demo users for the local run, JWTs from an OIDC provider
 * in production, and answers for 401 and 403 as problem documents.
 */
package nl.gezinscoaching.platform.security;
