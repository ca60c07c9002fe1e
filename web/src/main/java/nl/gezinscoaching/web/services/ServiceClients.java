package nl.gezinscoaching.web.services;

import java.time.Duration;
import nl.gezinscoaching.web.WebProperties;
import nl.gezinscoaching.web.signin.SignedInUser;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * One REST client per service, each sending the signed-in user's access token. Boot's {@code RestClient.Builder}
 * makes the calls with Apache HttpClient (its timeouts: {@code spring.http.clients.*}), on the caller's own thread
 * over kept connections: the JDK's client hands every call from its selector thread to a worker and back, and on a
 * machine of two cores starts a new thread for each answer (its completion runs on {@code CompletableFuture}'s
 * default executor, a thread per task when the common pool has one thread).
 */
@Configuration(proxyBeanMethods = false)
class ServiceClients {

    /** The client registration whose access token the services accept. */
    static final String REGISTRATION = SignedInUser.REGISTRATION;

    /**
     * Kept connections per service: more than the request threads and page reads ({@link ParallelReads}) that may
     * call one service at once, so that no call waits for a connection (HttpClient's default is 5).
     */
    static final int CONNECTIONS_PER_SERVICE = 64;

    /** How long a call may wait for a free connection before it fails (HttpClient's default is 3 minutes). */
    static final Duration CONNECTION_WAIT = Duration.ofSeconds(2);

    @Bean
    HttpComponentsClientHttpRequestFactoryBuilder serviceConnections() {
        return ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(pool -> pool
                        .setMaxConnPerRoute(CONNECTIONS_PER_SERVICE)
                        .setMaxConnTotal(2 * CONNECTIONS_PER_SERVICE))
                .withDefaultRequestConfigCustomizer(request -> request
                        .setConnectionRequestTimeout(Timeout.of(CONNECTION_WAIT)))
                // a refused or failed call is not repeated behind the user's back
                .withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries);
    }

    @Bean
    QueryService queryService(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, WebProperties web) {
        return new QueryService(client(builder, clients).baseUrl(web.queryServiceUrl()).build());
    }

    /** Issue 11: the management and audit views of the dashboard and audit pages. */
    @Bean
    ManagementService managementService(RestClient.Builder builder, OAuth2AuthorizedClientManager clients,
                                        WebProperties web) {
        return new ManagementService(client(builder, clients).baseUrl(web.queryServiceUrl()).build());
    }

    @Bean
    CommandService commandService(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, WebProperties web) {
        return new CommandService(client(builder, clients).baseUrl(web.commandServiceUrl()).build());
    }

    private static RestClient.Builder client(RestClient.Builder builder, OAuth2AuthorizedClientManager clients) {
        OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(clients);
        bearer.setClientRegistrationIdResolver(request -> REGISTRATION);
        return builder.clone().requestInterceptor(bearer);
    }
}
