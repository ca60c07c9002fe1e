package nl.gezinscoaching.command.recording;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import nl.gezinscoaching.command.recording.RecordingConfiguration.CurrentUser;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

/** Stamps every command with the user who sends it; the events it causes inherit the stamp. */
@Component
class RecordedByStamp implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final CurrentUser currentUser;

    RecordedByStamp(CommandBus commandBus, CurrentUser currentUser) {
        this.currentUser = currentUser;
        commandBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.andMetaData(Map.of(RecordingConfiguration.RECORDED_BY, currentUser.get()));
    }
}
