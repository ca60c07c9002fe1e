package nl.gezinscoaching.query.replay;

import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Several query-service instances share the processors' segments through the token store: the store Axon's
 * auto-configuration would build, with this instance's own owner ({@link QueryNode}) instead of the JVM's.
 */
@Configuration(proxyBeanMethods = false)
class SharedProcessingConfiguration {

    @Bean
    QueryNode queryNode(@Value("${query.instances.node-id:}") String configured) {
        return QueryNode.of(configured);
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          QueryNode node, @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(node.id())
                .build();
    }
}
