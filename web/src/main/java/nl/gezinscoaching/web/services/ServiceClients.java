package nl.gezinscoaching.web.services;

import java.net.http.HttpClient;
import java.time.Duration;
import nl.gezinscoaching.web.WebProperties;
import nl.gezinscoaching.web.signin.SignedInUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/** One REST client per service, each sending the signed-in user's access token. */
@Configuration(proxyBeanMethods = false)
class ServiceClients {

    /** The client registration whose access token the services accept. */
    static final String REGISTRATION = SignedInUser.REGISTRATION;

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
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(10));
        return builder.clone().requestFactory(requests).requestInterceptor(bearer);
    }
}
