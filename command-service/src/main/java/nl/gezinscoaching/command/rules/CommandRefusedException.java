package nl.gezinscoaching.command.rules;

/**
 * A command that breaks a rule. Thrown before anything is applied, so a refused command writes no event.
 * Messages name fields and rules, never the values: those may be personal data.
 */
public abstract sealed class CommandRefusedException extends RuntimeException
        permits InvalidFieldException, StateConflictException, NotFoundException {

    private final String rule;

    protected CommandRefusedException(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
