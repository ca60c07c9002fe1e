package nl.gezinscoaching.web.services;

import nl.gezinscoaching.web.WebProperties;
import nl.gezinscoaching.web.signin.SignedInUser;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * One REST client per service, each sending the signed-in user's access token. The calls are made on the caller's
 * own thread over kept connections (Apache HttpClient's pool): the JDK's client hands every call from its selector
 * thread to a worker and back, and on a machine of two cores starts a new thread for each answer (its completion
 * runs on {@code CompletableFuture}'s default executor, a thread per task when the common pool has one thread).
 */
@Configuration(proxyBeanMethods = false)
class ServiceClients {

    /** The client registration whose access token the services accept. */
    static final String REGISTRATION = SignedInUser.REGISTRATION;

    /**
     * Kept connections per service: more than the request threads and page reads ({@link ParallelReads}) that may
     * call one service at once, so that no call waits for a connection.
     */
    static final int CONNECTIONS_PER_SERVICE = 64;

    @Bean(destroyMethod = "close")
    CloseableHttpClient serviceConnections() {
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(2))
                .setSocketTimeout(Timeout.ofSeconds(10))
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnPerRoute(CONNECTIONS_PER_SERVICE)
                        .setMaxConnTotal(2 * CONNECTIONS_PER_SERVICE)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(2))
                        .setResponseTimeout(Timeout.ofSeconds(10))
                        .build())
                // the services' answers are not cached by the web, and a refused call is not repeated
                .disableAutomaticRetries()
                .build();
    }

    @Bean
    QueryService queryService(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, WebProperties web,
                              CloseableHttpClient serviceConnections) {
        return new QueryService(client(builder, clients, serviceConnections).baseUrl(web.queryServiceUrl()).build());
    }

    /** Issue 11: the management and audit views of the dashboard and audit pages. */
    @Bean
    ManagementService managementService(RestClient.Builder builder, OAuth2AuthorizedClientManager clients,
                                        WebProperties web, CloseableHttpClient serviceConnections) {
        return new ManagementService(client(builder, clients, serviceConnections).baseUrl(web.queryServiceUrl()).build());
    }

    @Bean
    CommandService commandService(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, WebProperties web,
                                  CloseableHttpClient serviceConnections) {
        return new CommandService(client(builder, clients, serviceConnections).baseUrl(web.commandServiceUrl()).build());
    }

    private static RestClient.Builder client(RestClient.Builder builder, OAuth2AuthorizedClientManager clients,
                                             CloseableHttpClient connections) {
        OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(clients);
        bearer.setClientRegistrationIdResolver(request -> REGISTRATION);
        return builder.clone().requestFactory(new HttpComponentsClientHttpRequestFactory(connections))
                .requestInterceptor(bearer);
    }
}
