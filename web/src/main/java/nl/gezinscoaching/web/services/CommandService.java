package nl.gezinscoaching.web.services;

import org.springframework.web.client.RestClient;

/**
 * The command service, for the action forms (phase 2 of the web: the forms post through here, so that every
 * event records the signed-in user).
 */
public class CommandService {

    private final RestClient rest;

    CommandService(RestClient rest) {
        this.rest = rest;
    }

    RestClient rest() {
        return rest;
    }
}
