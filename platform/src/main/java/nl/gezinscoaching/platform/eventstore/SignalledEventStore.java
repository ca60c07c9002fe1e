package nl.gezinscoaching.platform.eventstore;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, which polls the storage engine for new events ({@code fetch-delay}) when its readers
 * have caught up, made to read at once when {@link ChangeSignals} says another process appended: {@link #wake()}.
 * Its own commits signal {@link ChangeSignals#EVENTS_APPENDED} to the other processes.
 */
public class SignalledEventStore extends EmbeddedEventStore {

    private final ChangeSignals signals;

    public SignalledEventStore(Builder builder, ChangeSignals signals) {
        super(builder);
        this.signals = signals;
        signals.onSignal(ChangeSignals.EVENTS_APPENDED, this::wake);
    }

    /** Reads the store now if a reader is waiting for events (as after a commit of this process). */
    public void wake() {
        super.afterCommit(List.of());
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        if (!events.isEmpty()) {
            // this store's readers were woken by super; the other processes' by the signal
            signals.signalOthers(ChangeSignals.EVENTS_APPENDED);
        }
    }
}
