package nl.gezinscoaching.platform.web;

/**
 * One reason a request was refused: the field (a JSON path such as {@code family.name} or
 * {@code children[0].birthDate}; {@code null} for the body as a whole), the rule it broke and a message.
 */
public record FieldProblem(String field, String rule, String message) {
}
