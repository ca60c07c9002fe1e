package nl.gezinscoaching.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The two hooks that let a dead-lettering group's batches settle their failures themselves
 * ({@link DeadLetterBatch}): an interceptor that opens the batch, and an error handler that reports a
 * handler's failure to it rather than to Axon's invoker (which would enqueue it at once, possibly ahead of
 * an earlier event of the same trajectory whose writes fail only when the batch settles).
 * <p>
 * Neither acts while Axon retries a dead letter: there, the unit of work carries the letter, writes run at
 * once, and a failure goes straight back to Axon, which keeps the letter with its new cause.
 */
final class SettledByBatch {

    private SettledByBatch() {
    }

    static MessageHandlerInterceptor<EventMessage<?>> interceptor(DeadLetteringGroup group) {
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            if (unitOfWork.getResource(DeadLetter.class.getName()) == null) {
                DeadLetterBatch.open(unitOfWork, group);
            }
            return chain.proceed();
        };
    }

    static ListenerInvocationErrorHandler errorHandler(String processingGroup) {
        return (Exception exception, EventMessage<?> event, EventMessageHandler handler) -> {
            DeadLetterBatch batch = DeadLetterBatch.current(processingGroup);
            if (batch == null) {
                throw exception;
            }
            batch.handlerFailed(event, exception);
        };
    }
}
