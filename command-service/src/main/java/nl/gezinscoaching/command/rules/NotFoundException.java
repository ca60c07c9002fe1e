package nl.gezinscoaching.command.rules;

/** Something the command refers to does not exist (a goal, an agency referral, a coach): 404. */
public final class NotFoundException extends CommandRefusedException {

    public NotFoundException(String rule, String message) {
        super(rule, message);
    }
}
