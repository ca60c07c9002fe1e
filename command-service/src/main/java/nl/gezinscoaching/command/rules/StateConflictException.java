package nl.gezinscoaching.command.rules;

/** The trajectory's state forbids the action (closed, no coach yet, done twice): 409. */
public final class StateConflictException extends CommandRefusedException {

    public StateConflictException(String rule, String message) {
        super(rule, message);
    }
}
