/**
 * Signing in: the web is an OAuth2 client (authorization code with PKCE) of the OIDC provider (locally its own
 * identity provider, {@code signin.local}); the signed-in user's roles, coach id and cluster come from the ID
 * token's claims, read as the services read the access token's.
 */
package nl.gezinscoaching.web.signin;
