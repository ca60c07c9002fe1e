package nl.gezinscoaching.web.services;

import java.util.List;

/** The command service refused an action: a rule of the state (409), or fields with their rules (400). */
public class CommandRefusal extends RuntimeException {

    /** One refused field: its name in the request body and the rule it broke (e.g. {@code not-in-future}). */
    public record FieldRefusal(String field, String rule) {
    }

    private final String rule;
    private final List<FieldRefusal> fields;

    public CommandRefusal(String rule, List<FieldRefusal> fields) {
        super("refused: " + rule, null, false, false);
        this.rule = rule;
        this.fields = List.copyOf(fields);
    }

    public String rule() {
        return rule;
    }

    public List<FieldRefusal> fields() {
        return fields;
    }
}
