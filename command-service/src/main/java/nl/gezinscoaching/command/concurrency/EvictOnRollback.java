package nl.gezinscoaching.command.concurrency;

import nl.gezinscoaching.command.trajectory.TrajectoryTargets;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the trajectory cache from running ahead of the database. Axon evicts a cached trajectory when its own
 * unit of work rolls back; but a command that joins an outer transaction (a request with an
 * {@code Idempotency-Key}) may succeed in Axon and still be rolled back afterwards (the key's insert lost to a
 * concurrent twin). Its events never reach the store, yet the cached copy has applied them: the next command
 * would be decided on them. This evicts the command's trajectory whenever the transaction it ran in does not
 * commit.
 */
@Component
class EvictOnRollback implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Cache trajectoryCache;

    EvictOnRollback(CommandBus commandBus, @Qualifier("trajectoryCache") Cache trajectoryCache) {
        this.trajectoryCache = trajectoryCache;
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            String trajectoryId = TrajectoryTargets.trajectoryOf(unitOfWork.getMessage());
            if (trajectoryId != null) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status != STATUS_COMMITTED) {
                            trajectoryCache.remove(trajectoryId);
                        }
                    }
                });
            }
        }
        return interceptorChain.proceed();
    }
}
