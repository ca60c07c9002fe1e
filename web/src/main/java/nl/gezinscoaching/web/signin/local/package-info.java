/**
 * The local identity provider (local profile only): Spring's authorization server inside the web application,
 * holding the demo users, with the sign-in form at {@code /login}. The web signs in through it exactly as it
 * signs in through the OIDC provider in production, and its access tokens carry what the services require.
 */
package nl.gezinscoaching.web.signin.local;
