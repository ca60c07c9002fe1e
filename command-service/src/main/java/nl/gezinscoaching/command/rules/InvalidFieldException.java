package nl.gezinscoaching.command.rules;

/** A field's value breaks a rule (a date in the future, before the referral, out of range): 400. */
public final class InvalidFieldException extends CommandRefusedException {

    private final String field;

    public InvalidFieldException(String field, String rule, String message) {
        super(rule, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
